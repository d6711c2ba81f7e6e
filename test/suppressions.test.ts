import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, initializeCore } from '../server/core/engine';

before(() => initializeCore());

const ids = (text: string, rule = 'no-sudo') =>
  analyze(text, { path: '/ctx/Dockerfile' })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.range.start.line + 1);

describe('suppression comments', () => {
  it('bulwark-ignore covers the next instruction, all its lines, and nothing else', () => {
    const text = ['FROM alpine:3.20', '# bulwark-ignore no-sudo -- vendor script needs it', 'RUN echo a \\', '  && sudo ls', 'RUN sudo ls'].join('\n');
    assert.deepEqual(ids(text), [5]);
  });
  it('accepts aliases, several names, and blank/comment lines before the instruction', () => {
    const text = ['FROM alpine:3.20', '# bulwark-ignore image-latest-tag, DL3004', '# another comment', '', 'RUN sudo ls'].join('\n');
    assert.deepEqual(ids(text), []);
  });
  it('bulwark-ignore-file covers the whole file', () => {
    const text = ['FROM alpine:3.20', 'RUN sudo ls', '# bulwark-ignore-file no-sudo', 'RUN sudo ls'].join('\n');
    assert.deepEqual(ids(text), []);
  });
  it('hadolint ignore= and global ignore=', () => {
    assert.deepEqual(ids(['FROM alpine:3.20', '# hadolint ignore=DL3004', 'RUN sudo ls', 'RUN sudo ls'].join('\n')), [4]);
    assert.deepEqual(ids(['# hadolint global ignore=DL3004', 'FROM alpine:3.20', 'RUN sudo ls', 'RUN sudo ls'].join('\n')), []);
  });
  it('hadolint stage ignore= covers the stage only', () => {
    const text = ['FROM alpine:3.20 AS a', '# hadolint stage ignore=DL3004', 'RUN sudo ls', 'FROM alpine:3.20', 'RUN sudo ls'].join('\n');
    assert.deepEqual(ids(text), [5]);
  });
  it('BuildKit check=skip= at the top of the file', () => {
    const text = ['# check=skip=JSONArgsRecommended;error=true', '# check=skip=all', 'FROM alpine:3.20', 'RUN sudo ls'].join('\n');
    assert.deepEqual(ids(text), []);
    const late = ['FROM alpine:3.20', '# check=skip=all', 'RUN sudo ls'].join('\n');
    assert.deepEqual(ids(late), [3], 'check= after the first instruction is not a directive');
    const afterComment = ['# a comment', '# check=skip=all', 'FROM alpine:3.20', 'RUN sudo ls'].join('\n');
    assert.deepEqual(ids(afterComment), [4], 'check= after a plain comment is not a directive');
    const afterBlank = ['# syntax=docker/dockerfile:1', '', '# check=skip=all', 'FROM alpine:3.20', 'RUN sudo ls'].join('\n');
    assert.deepEqual(ids(afterBlank), [5], 'check= after a blank line is not a directive');
  });
  it('a comment inside a continuation is not a suppression', () => {
    const text = ['FROM alpine:3.20', 'RUN echo a \\', '# bulwark-ignore no-sudo', '  && sudo ls'].join('\n');
    assert.deepEqual(ids(text), [4]);
  });
  it('reports unknown rule names at the name', () => {
    const result = analyze(['# bulwark-ignore no-sudoo, DL3004', 'FROM alpine:3.20', 'RUN sudo ls'].join('\n'));
    const bad = result.findings.filter((f) => f.ruleId === 'invalid-suppression');
    assert.equal(bad.length, 1);
    assert.deepEqual(bad[0].range, { start: { line: 0, character: 17 }, end: { line: 0, character: 25 } });
    assert.match(bad[0].message, /no-sudoo/);
  });
});
