/**
 * The edit half of "Pin to digest": pinTarget/pinFix/pinTargets (pure; the digest is given). Each pin is checked like
 * any quick fix: applied, the image-not-pinned finding is gone, nothing new appears, line endings kept.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, initializeCore } from '../../server/core/engine';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import { applyEdits } from '../../server/core/fixes/edits';
import { isPinRefusal, pinFix, pinTarget, pinTargets } from '../../server/core/fixes/pin';
import { addedFindings } from '../helpers/fix-properties';
import { LineIndex } from '../../server/core/text';

const D1 = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'b'.repeat(64)}`;

/** Pins stage `i` to `digest`, checks the fix's properties and returns the new text. */
function pin(text: string, i = 0, digest = D1): string {
  const model = new DockerfileModel(text);
  const fix = pinFix(model, model.stages[i], digest);
  assert.ok(!isPinRefusal(fix), isPinRefusal(fix) ? fix.reason : '');
  assert.equal(fix.safe, false);
  const after = applyEdits(text, fix.edits);
  const beforeFindings = analyze(text).findings;
  const afterFindings = analyze(after).findings;
  assert.ok(afterFindings.filter((f) => f.ruleId === 'image-not-pinned').length < beforeFindings.filter((f) => f.ruleId === 'image-not-pinned').length || /@sha256/.test(text));
  const extra = addedFindings(beforeFindings, new LineIndex(text), afterFindings, new LineIndex(after), fix.edits);
  assert.deepEqual(extra.map((f) => f.message), []);
  if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(after), 'CRLF kept');
  return after;
}

function refusal(text: string, i = 0): string {
  const model = new DockerfileModel(text);
  const t = pinTarget(model, model.stages[i]);
  assert.ok(isPinRefusal(t), 'expected a refusal');
  return t.reason;
}

before(() => initializeCore());

describe('pin edits', () => {
  it('appends the digest to the FROM word, keeping --platform and AS', () => {
    assert.equal(pin('FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go build\n'), `FROM --platform=$BUILDPLATFORM golang:1.22@${D1} AS build\nRUN go build\n`);
  });

  it('keeps the tag, the registry and its port', () => {
    assert.equal(pin('FROM registry.corp:5000/team/app:1.2'), `FROM registry.corp:5000/team/app:1.2@${D1}`);
    assert.equal(pin('FROM ubuntu'), `FROM ubuntu@${D1}`);
  });

  it('titles the fix with the reference and a short digest', () => {
    const model = new DockerfileModel('FROM node:20\n');
    const fix = pinFix(model, model.stages[0], D1);
    assert.ok(!isPinRefusal(fix));
    assert.equal(fix.title, `Pin node:20 to digest ${D1.slice(0, 19)}…`);
    assert.equal(fix.isPreferred, true);
  });

  it('pins the default of the global ARG the image comes from', () => {
    assert.equal(pin('ARG BASE=node:20-alpine\nFROM ${BASE} AS app\n'), `ARG BASE=node:20-alpine@${D1}\nFROM \${BASE} AS app\n`);
    assert.equal(pin('ARG BASE="node:20"\nFROM $BASE'), `ARG BASE="node:20@${D1}"\nFROM $BASE`);
    const model = new DockerfileModel('ARG BASE=node:20\nFROM ${BASE}');
    const fix = pinFix(model, model.stages[0], D1);
    assert.ok(!isPinRefusal(fix));
    assert.match(fix.title, /\(in ARG BASE\)$/);
  });

  it('follows an ARG default made of another ARG', () => {
    assert.equal(pin('ARG IMG=python:3.12-slim\nARG BASE=${IMG}\nFROM ${BASE}'), `ARG IMG=python:3.12-slim@${D1}\nARG BASE=\${IMG}\nFROM \${BASE}`);
  });

  it('pins an inline default in the FROM word', () => {
    assert.equal(pin('FROM ${BASE:-node:20}'), `FROM \${BASE:-node:20@${D1}}`);
  });

  it('replaces an existing digest (refresh)', () => {
    const text = `FROM node:20@${D1} AS a\n`;
    const model = new DockerfileModel(text);
    const fix = pinFix(model, model.stages[0], D2);
    assert.ok(!isPinRefusal(fix));
    assert.match(fix.title, /^Refresh the digest of node:20 to sha256:bbbb/);
    assert.equal(applyEdits(text, fix.edits), `FROM node:20@${D2} AS a\n`);
    assert.match(refusalOf(pinFix(model, model.stages[0], D1)), /already pinned/);
  });

  it('keeps CRLF and the escape directive', () => {
    assert.equal(pin('FROM node:20\r\nRUN true\r\n'), `FROM node:20@${D1}\r\nRUN true\r\n`);
    assert.equal(pin('# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022\n'), `# escape=\`\nFROM \`\n  mcr.microsoft.com/windows/nanoserver:ltsc2022@${D1}\n`);
  });

  it('refuses what it cannot pin, saying why', () => {
    assert.match(refusal('ARG V=20\nFROM node:${V}'), /assembled from `V` and other text/);
    assert.match(refusal('ARG BASE\nFROM $BASE'), /build argument without a default/);
    assert.match(refusal('FROM scratch'), /empty base/);
    assert.match(refusal('FROM node:20 AS build\nFROM build', 1), /earlier stage `build`/);
    assert.match(refusal('ARG A=node\nARG B=20\nFROM ${A}:${B}'), /assembled from `A`, `B`/);
  });

  it('throws on a malformed digest', () => {
    const model = new DockerfileModel('FROM node:20');
    assert.throws(() => pinFix(model, model.stages[0], 'sha256:abc'), /not a sha256 digest/);
  });

  it('lists the targets of a file once per place the edit goes', () => {
    const text = `ARG BASE=node:20\nFROM \${BASE} AS a\nFROM \${BASE} AS b\nFROM a\nFROM python:3.12@${D1}\nARG X\nFROM scratch\n`;
    const model = new DockerfileModel(text);
    const { targets, refused } = pinTargets(model);
    assert.deepEqual(targets.map((t) => [t.reference, t.location, t.argName]), [['node:20', 'arg', 'BASE']]);
    assert.deepEqual(refused, []);
    assert.deepEqual(pinTargets(model, true).targets.map((t) => [t.reference, t.pinnedDigest]), [['node:20', undefined], ['python:3.12', D1]]);
  });
});

function refusalOf(x: object): string {
  assert.ok('reason' in x);
  return (x as { reason: string }).reason;
}
