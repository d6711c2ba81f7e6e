/**
 * Adversarial inputs: 5 MB files, the YAML "billion laughs", binary files named Dockerfile, every line ending, a BOM,
 * tabs and the Windows escape directive. No exception, no rule error, bounded work, findings and fix edits in the
 * right place. Times are not asserted here (benchmarks do that); the limits make the work bounded by construction.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analysisCut, analyze, initializeCore, MAX_CHARS, MAX_LINES } from '../../server/core/engine';
import { ComposeModel } from '../../server/core/compose/model';
import { applyEdits } from '../../server/core/fixes/edits';
import { LineIndex } from '../../server/core/text';
import type { AnalyzeOptions, FileKind, Finding } from '../../server/core/types';
import { assertEveryFix, lineEndingKind } from '../helpers/fix-properties';

before(() => initializeCore());

const DF: AnalyzeOptions & { kind: FileKind } = { kind: 'dockerfile', path: '/w/Dockerfile', allRules: true, now: '2026-01-01' };
const COMPOSE: AnalyzeOptions & { kind: FileKind } = { kind: 'compose', path: '/w/compose.yaml', allRules: true };

function clean(text: string, options: AnalyzeOptions & { kind: FileKind }): Finding[] {
  const result = analyze(text, options);
  assert.deepEqual(result.ruleErrors, []);
  const lines = new LineIndex(text);
  for (const f of result.findings) {
    assert.ok(f.range.end.line < lines.lineCount && f.range.end.character <= lines.lineText(f.range.end.line).length, `${f.ruleId} outside the file`);
  }
  return result.findings;
}

describe('very large files', () => {
  const dockerLines = ['FROM debian:12', 'RUN apt-get update && apt-get install -y curl'];
  for (let size = 0; size < 5_000_000; ) {
    const line = `RUN echo ${'x'.repeat(60)} ${dockerLines.length}`;
    dockerLines.push(line);
    size += line.length + 1;
  }
  const bigDockerfile = dockerLines.join('\n') + '\nHEALTHCHECK NONE\n';

  it('a 5 MB Dockerfile is analyzed up to the limit, with a clear file-too-large finding', () => {
    assert.ok(bigDockerfile.length > 5_000_000);
    const findings = clean(bigDockerfile, DF);
    const notice = findings.filter((f) => f.ruleId === 'file-too-large');
    assert.equal(notice.length, 1);
    assert.match(notice[0].message, new RegExp(`^File too large: analyzed the first ${MAX_LINES} lines of ${dockerLines.length + 1} `));
    assert.deepEqual(notice[0].range.start, { line: 0, character: 0 });
    // Nothing was analyzed past the cut, and no fix edits there (its HEALTHCHECK NONE was never seen: the finding
    // stands, but the fix that would append one at the end of the analyzed part is not offered).
    for (const f of findings) assert.ok(f.range.end.line < MAX_LINES, `${f.ruleId} at line ${f.range.end.line + 1}`);
    assert.ok(findings.some((f) => f.ruleId === 'no-healthcheck' && !f.fixes));
    for (const f of findings) for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(e.range.end.line < MAX_LINES - 1);
  });

  it('the character limit cuts a file of few, huge lines at a line boundary', () => {
    const text = 'FROM debian:12\n' + `RUN echo ${'y'.repeat(300_000)}\n`.repeat(6);
    const cut = analysisCut(text)!;
    assert.ok(cut.offset <= MAX_CHARS && text[cut.offset - 1] === '\n');
    assert.equal(cut.lines, 2);
    const findings = clean(text, DF);
    assert.match(findings.find((f) => f.ruleId === 'file-too-large')!.message, /analyzed the first 2 lines of 7/);
  });

  it('a 5 MB Compose file is analyzed up to the limit, with the same finding', () => {
    const lines = ['services:'];
    for (let i = 0, size = 0; size < 5_000_000; i++) {
      const block = [`  s${i}:`, `    image: nginx:1.27`, `    environment:`, `      A: "${'v'.repeat(40)}"`];
      lines.push(...block);
      size += block.join('\n').length + 1;
    }
    const text = lines.join('\n') + '\n';
    const findings = clean(text, COMPOSE);
    assert.equal(findings.filter((f) => f.ruleId === 'file-too-large').length, 1);
    for (const f of findings) assert.ok(f.range.end.line < MAX_LINES);
  });

  it('files within the limits are not cut; the limit is an option; turned off, the notice goes but the cut stays', () => {
    assert.equal(analysisCut('FROM alpine\n'.repeat(MAX_LINES)), undefined);
    assert.equal(analysisCut('FROM alpine\n'.repeat(MAX_LINES + 1))?.lines, MAX_LINES);
    const text = 'FROM alpine:3.20\nRUN a\nRUN b\nUSER app\n';
    assert.equal(clean(text, { ...DF, maxLines: 3 }).filter((f) => f.ruleId === 'file-too-large').length, 1);
    assert.equal(clean(text, { ...DF, maxLines: 4 }).filter((f) => f.ruleId === 'file-too-large').length, 0);
    const off = clean(text, { ...DF, maxLines: 2, rules: { 'file-too-large': 'off' } });
    assert.deepEqual(off.filter((f) => f.ruleId === 'file-too-large'), []);
    assert.ok(off.every((f) => f.range.end.line < 2));
  });
});

describe('YAML alias bombs', () => {
  const laughs = ['services:', '  web:', '    image: nginx:1.27', 'x-l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < 10; i++) laughs.push(`x-l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
  laughs.push('    environment: *l9');
  const bomb = laughs.join('\n') + '\n';

  it('the billion laughs is refused by the alias limit, not expanded', () => {
    const model = new ComposeModel(bomb);
    assert.ok(model.documents[0].aliasesRefused, 'alias expansion refused');
    assert.ok(model.problems.some((p) => /alias/i.test(p.message)), model.problems.map((p) => p.message).join('\n'));
    const findings = clean(bomb, COMPOSE);
    assert.ok(findings.length < 100, `${findings.length} findings`);
    // The model's plain-JS view does not expand it either.
    assert.ok(JSON.stringify(model.documents[0].root!.toJS() ?? null).length < 10_000);
  });
});

describe('binary files named Dockerfile', () => {
  it('NUL bytes: one clear finding (not a Dockerfile), no findings from the garbage', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    const text = 'FROM alpine\n' + bytes.toString('latin1');
    const findings = clean(text, DF);
    assert.deepEqual(findings.map((f) => f.ruleId), ['syntax-error']);
    assert.match(findings[0].message, /binary/i);
    assert.deepEqual(clean('\u0000\u0001\u0002ELF', DF).map((f) => f.ruleId), ['syntax-error']);
    // A binary Compose file: YAML rejects the control characters, and no other rule runs on the guess.
    const composeFindings = clean('services:\n  a:\n    image: x\n' + bytes.toString('latin1'), COMPOSE);
    assert.deepEqual(composeFindings.map((f) => f.ruleId), ['compose-yaml-syntax']);
    assert.match(composeFindings[0].message, /binary/i);
  });
});

describe('line endings, BOM, tabs, escape directive', () => {
  const base = 'FROM debian:12\nRUN apt-get update && \\\n\tapt-get install -y curl\nEXPOSE 22\nCMD ["sh"]\n';
  const variants: [string, string][] = [
    ['LF', base],
    ['CRLF', base.replace(/\n/g, '\r\n')],
    ['CR', base.replace(/\n/g, '\r')],
    ['mixed', base.split('\n').map((l, i) => l + ['\n', '\r\n', '\r'][i % 3]).join('').slice(0, -1)],
    ['BOM', '\uFEFF' + base],
  ];
  const expectedOnce = () => clean(base, DF).map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`);

  for (const [name, text] of variants) {
    it(`${name}: the same findings at the same positions; fixes keep the properties and the line endings`, () => {
      const expected = expectedOnce();
      const got = clean(text, DF).map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`);
      if (name === 'BOM') {
        // The BOM is one UTF-16 unit before the first line's text: positions on line 0 may shift by one, no other moves.
        const unshift = (g: string) => g.replace(/ 0:(\d+)-0:(\d+)$/, (_, a, b) => ` 0:${Math.max(0, +a - 1)}-0:${+b - 1}`);
        assert.deepEqual(got.filter((g) => !/ 0:/.test(g)), expected.filter((g) => !/ 0:/.test(g)));
        assert.deepEqual(got.filter((g) => / 0:/.test(g)).map(unshift), expected.filter((g) => / 0:/.test(g)));
      } else assert.deepEqual(got, expected);
      assert.ok(assertEveryFix(text, DF) > 0);
      const kind = lineEndingKind(text);
      for (const f of analyze(text, DF).findings) {
        for (const fix of f.fixes ?? []) {
          const after = applyEdits(text, fix.edits);
          if (kind === 'crlf' || kind === 'lf') assert.equal(lineEndingKind(after), kind, `${f.ruleId}: "${fix.title}"`);
          if (name === 'CR') assert.ok(!after.includes('\n'), `${f.ruleId}: "${fix.title}" added a LF to a CR-only file`);
        }
      }
    });
  }

  it('Windows escape directive: backtick continuations are one instruction; fixes keep them', () => {
    const text = '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\r\nRUN powershell -Command `\r\n\tInvoke-WebRequest https://example.com/x.zip -OutFile C:\\x.zip\r\nEXPOSE 22\r\n';
    const findings = clean(text, DF);
    assert.ok(!findings.some((f) => f.ruleId === 'syntax-error'), findings.map((f) => f.message).join('\n'));
    assert.ok(findings.some((f) => f.ruleId === 'expose-ssh' && f.range.start.line === 4));
    assertEveryFix(text, DF);
  });

  it('Compose with CRLF, CR, BOM and tabs in values', () => {
    const compose = 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n    command: "a\tb"\n';
    const want = clean(compose, COMPOSE).map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.character}`);
    for (const text of [compose.replace(/\n/g, '\r\n'), compose.replace(/\n/g, '\r')]) {
      assert.deepEqual(clean(text, COMPOSE).map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.character}`), want);
      assert.ok(assertEveryFix(text, COMPOSE) > 0);
    }
    const bom = clean('\uFEFF' + compose, COMPOSE);
    assert.deepEqual(bom.map((f) => f.ruleId).sort(), clean(compose, COMPOSE).map((f) => f.ruleId).sort());
  });
});
