/**
 * Suppression quick fixes ("Ignore <rule> for this line / file"): applying one makes its finding disappear and changes
 * nothing else (test/helpers/fix-properties.ts), in Bulwark's comment syntax, keeping line endings, indentation and
 * parser directives.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, initializeCore } from '../../server/core/engine';
import { applyEdits } from '../../server/core/fixes/edits';
import { suppressionFixes } from '../../server/core/fixes/suppress';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import type { Finding, Fix } from '../../server/core/types';
import { assertFixProperties } from '../helpers/fix-properties';

before(() => initializeCore());

const OPTIONS = { path: '/ctx/Dockerfile' };

function findingOf(text: string, ruleId: string, line?: number): Finding {
  const f = analyze(text, OPTIONS).findings.find((x) => x.ruleId === ruleId && (line === undefined || x.range.start.line + 1 === line));
  assert.ok(f, `no ${ruleId} finding${line ? ` on line ${line}` : ''} in:\n${text}`);
  return f;
}

function fixes(text: string, ruleId: string, line?: number): { finding: Finding; line?: Fix; file: Fix } {
  const finding = findingOf(text, ruleId, line);
  const all = suppressionFixes(new DockerfileModel(text), finding);
  const lineFix = all.find((f) => f.title === `Ignore ${ruleId} for this line`);
  const fileFix = all.find((f) => f.title === `Ignore ${ruleId} for this file`);
  assert.ok(fileFix, 'a file-wide suppression is always offered');
  assert.equal(all.length, lineFix ? 2 : 1);
  for (const f of all) {
    assert.equal(f.safe, false, 'suppressing is a decision, never applied by fix-all');
    assert.ok(!f.isPreferred, 'never preferred over a real fix');
    assert.equal(f.createFiles, undefined);
  }
  return { finding, line: lineFix, file: fileFix };
}

/** Applies the line fix (properties checked) and returns the text. */
function ignoreLine(text: string, ruleId: string, line?: number): string {
  const { finding, line: fix } = fixes(text, ruleId, line);
  assert.ok(fix, 'a line suppression is offered');
  return assertFixProperties(text, finding, fix, OPTIONS);
}

function ignoreFile(text: string, ruleId: string, line?: number): string {
  const { finding, file } = fixes(text, ruleId, line);
  return assertFixProperties(text, finding, file, OPTIONS);
}

describe('Ignore <rule> for this line', () => {
  it('inserts `# bulwark-ignore <id>` on its own line before the instruction', () => {
    assert.equal(ignoreLine('FROM alpine:3.20\nRUN sudo ls\n', 'no-sudo'), 'FROM alpine:3.20\n# bulwark-ignore no-sudo\nRUN sudo ls\n');
  });

  it('keeps CRLF line endings', () => {
    assert.equal(ignoreLine('FROM alpine:3.20\r\nRUN sudo ls\r\n', 'no-sudo'), 'FROM alpine:3.20\r\n# bulwark-ignore no-sudo\r\nRUN sudo ls\r\n');
  });

  it('indents the comment like the instruction', () => {
    assert.equal(
      ignoreLine('FROM alpine:3.20\n    RUN sudo ls\n', 'no-sudo'),
      'FROM alpine:3.20\n    # bulwark-ignore no-sudo\n    RUN sudo ls\n',
    );
    assert.equal(ignoreLine('FROM alpine:3.20\n\tRUN sudo ls\n', 'no-sudo'), 'FROM alpine:3.20\n\t# bulwark-ignore no-sudo\n\tRUN sudo ls\n');
  });

  it('a finding on a later line of a multi-line RUN: the comment goes before the instruction', () => {
    const text = 'FROM alpine:3.20\nRUN apt-get update \\\n  # install what the script needs\n  && sudo apt-get install -y curl\n';
    assert.equal(findingOf(text, 'no-sudo').range.start.line, 3);
    assert.equal(
      ignoreLine(text, 'no-sudo'),
      'FROM alpine:3.20\n# bulwark-ignore no-sudo\nRUN apt-get update \\\n  # install what the script needs\n  && sudo apt-get install -y curl\n',
    );
  });

  it('a finding in a heredoc body: the comment goes before the RUN', () => {
    const text = 'FROM alpine:3.20\nRUN <<EOF\nset -e\nsudo ls\nEOF\n';
    assert.equal(ignoreLine(text, 'no-sudo'), 'FROM alpine:3.20\n# bulwark-ignore no-sudo\nRUN <<EOF\nset -e\nsudo ls\nEOF\n');
  });

  it('in a file with the escape directive (backtick continuations)', () => {
    const text = '# escape=`\nFROM alpine:3.20\nRUN apk add curl `\n  && sudo ls\n';
    const out = ignoreLine(text, 'no-sudo');
    assert.equal(out, '# escape=`\nFROM alpine:3.20\n# bulwark-ignore no-sudo\nRUN apk add curl `\n  && sudo ls\n');
    assert.equal(new DockerfileModel(out).escapeChar, '`');
  });

  it('a file without a final line break', () => {
    assert.equal(ignoreLine('FROM alpine:3.20\nRUN sudo ls', 'no-sudo'), 'FROM alpine:3.20\n# bulwark-ignore no-sudo\nRUN sudo ls');
  });

  it('the first instruction of a file with parser directives: after them', () => {
    const text = '# syntax=docker/dockerfile:1\nFROM alpine\n';
    assert.equal(
      ignoreLine(text, 'image-latest-tag'),
      '# syntax=docker/dockerfile:1\n# bulwark-ignore image-latest-tag\nFROM alpine\n',
    );
  });

  it('only the one instruction is covered', () => {
    const out = ignoreLine('FROM alpine:3.20\nRUN sudo ls\nRUN sudo id\n', 'no-sudo', 2);
    assert.equal(out, 'FROM alpine:3.20\n# bulwark-ignore no-sudo\nRUN sudo ls\nRUN sudo id\n');
    assert.deepEqual(
      analyze(out, OPTIONS).findings.filter((f) => f.ruleId === 'no-sudo').map((f) => f.range.start.line + 1),
      [4],
    );
  });

  it('appends to a Bulwark comment that already covers the instruction, before its reason', () => {
    assert.equal(
      ignoreLine('FROM alpine:3.20\n# bulwark-ignore image-latest-tag -- reviewed\nRUN sudo ls\n', 'no-sudo'),
      'FROM alpine:3.20\n# bulwark-ignore image-latest-tag, no-sudo -- reviewed\nRUN sudo ls\n',
    );
    // The nearest of the comment lines between the previous instruction and this one.
    assert.equal(
      ignoreLine('FROM alpine:3.20\n  # bulwark-ignore DL3007\n# why: vendor script\n\nRUN sudo ls\n', 'no-sudo'),
      'FROM alpine:3.20\n  # bulwark-ignore DL3007, no-sudo\n# why: vendor script\n\nRUN sudo ls\n',
    );
    assert.equal(
      ignoreLine('FROM alpine:3.20\r\n# BULWARK-IGNORE curl-pipe-shell\r\nRUN sudo ls\r\n', 'no-sudo'),
      'FROM alpine:3.20\r\n# BULWARK-IGNORE curl-pipe-shell, no-sudo\r\nRUN sudo ls\r\n',
    );
  });

  it('fills a Bulwark comment that names nothing yet (`# bulwark-ignore -- reason`)', () => {
    assert.equal(
      ignoreLine('FROM alpine:3.20\n# bulwark-ignore -- the base image has no other way\nRUN sudo ls\n', 'no-sudo'),
      'FROM alpine:3.20\n# bulwark-ignore no-sudo -- the base image has no other way\nRUN sudo ls\n',
    );
    assert.equal(
      ignoreLine('FROM alpine:3.20\n# bulwark-ignore image-latest-tag,\nRUN sudo ls\n', 'no-sudo'),
      'FROM alpine:3.20\n# bulwark-ignore image-latest-tag, no-sudo\nRUN sudo ls\n',
    );
  });

  it('does not append to a hadolint comment or a bulwark-ignore-file comment: inserts its own', () => {
    assert.equal(
      ignoreLine('FROM alpine:3.20\n# hadolint ignore=DL3007\nRUN sudo ls\n', 'no-sudo'),
      'FROM alpine:3.20\n# hadolint ignore=DL3007\n# bulwark-ignore no-sudo\nRUN sudo ls\n',
    );
    assert.equal(
      ignoreLine('FROM alpine:3.20\n# bulwark-ignore-file image-latest-tag\nRUN sudo ls\n', 'no-sudo'),
      'FROM alpine:3.20\n# bulwark-ignore-file image-latest-tag\n# bulwark-ignore no-sudo\nRUN sudo ls\n',
    );
  });

  it('a comment inside the previous instruction\'s continuation is not extended', () => {
    const text = 'FROM alpine:3.20\nRUN echo a \\\n# bulwark-ignore image-latest-tag\n  && echo b\nRUN sudo ls\n';
    assert.equal(
      ignoreLine(text, 'no-sudo'),
      'FROM alpine:3.20\nRUN echo a \\\n# bulwark-ignore image-latest-tag\n  && echo b\n# bulwark-ignore no-sudo\nRUN sudo ls\n',
    );
  });

  it('two rules on one instruction, one after the other, share the comment', () => {
    const text = 'FROM alpine:3.20\nRUN sudo curl -fsSL https://example.com/install.sh | sh\n';
    const first = ignoreLine(text, 'no-sudo');
    assert.equal(first, 'FROM alpine:3.20\n# bulwark-ignore no-sudo\nRUN sudo curl -fsSL https://example.com/install.sh | sh\n');
    const second = ignoreLine(first, 'curl-pipe-shell');
    assert.equal(second, 'FROM alpine:3.20\n# bulwark-ignore no-sudo, curl-pipe-shell\nRUN sudo curl -fsSL https://example.com/install.sh | sh\n');
  });

  it('a finding outside any instruction gets only the file-wide suppression', () => {
    const text = 'FROM alpine:3.20\n# a comment\nRUN ls\n';
    const finding: Finding = {
      ruleId: 'no-sudo',
      severity: 'error',
      message: 'synthetic',
      range: { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } },
    };
    assert.deepEqual(
      suppressionFixes(new DockerfileModel(text), finding).map((f) => f.title),
      ['Ignore no-sudo for this file'],
    );
  });

  it('offers nothing for invalid-suppression (it reports the comments themselves)', () => {
    const text = 'FROM alpine:3.20\n# bulwark-ignore no-sudoo\nRUN ls\n';
    const finding = findingOf(text, 'invalid-suppression');
    assert.deepEqual(suppressionFixes(new DockerfileModel(text), finding), []);
  });
});

describe('Ignore <rule> for this file', () => {
  it('inserts `# bulwark-ignore-file <id>` as the first line', () => {
    assert.equal(ignoreFile('FROM alpine:3.20\nRUN sudo ls\n', 'no-sudo'), '# bulwark-ignore-file no-sudo\nFROM alpine:3.20\nRUN sudo ls\n');
  });

  it('keeps CRLF line endings', () => {
    assert.equal(
      ignoreFile('FROM alpine:3.20\r\nRUN sudo ls\r\n', 'no-sudo'),
      '# bulwark-ignore-file no-sudo\r\nFROM alpine:3.20\r\nRUN sudo ls\r\n',
    );
  });

  it('is not indented, whatever the first instruction\'s indentation', () => {
    assert.equal(ignoreFile('  FROM alpine:3.20\n  RUN sudo ls\n', 'no-sudo'), '# bulwark-ignore-file no-sudo\n  FROM alpine:3.20\n  RUN sudo ls\n');
  });

  it('covers every finding of the rule in the file', () => {
    const out = ignoreFile('FROM alpine:3.20\nRUN sudo ls\nFROM alpine:3.20\nRUN sudo id\n', 'no-sudo', 4);
    assert.deepEqual(analyze(out, OPTIONS).findings.filter((f) => f.ruleId === 'no-sudo'), []);
  });

  it('goes after `# syntax=` and `# check=` directives, which must stay first', () => {
    const text = '# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nFROM alpine:3.20\nCMD echo hi\nRUN sudo ls\n';
    assert.equal(
      ignoreFile(text, 'no-sudo'),
      '# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\n# bulwark-ignore-file no-sudo\nFROM alpine:3.20\nCMD echo hi\nRUN sudo ls\n',
    );
  });

  it('goes after the escape directive, which keeps working', () => {
    const text = '# escape=`\r\nFROM alpine:3.20\r\nRUN apk add curl `\r\n  && sudo ls\r\n';
    const out = ignoreFile(text, 'no-sudo');
    assert.equal(out, '# escape=`\r\n# bulwark-ignore-file no-sudo\r\nFROM alpine:3.20\r\nRUN apk add curl `\r\n  && sudo ls\r\n');
    assert.equal(new DockerfileModel(out).escapeChar, '`');
  });

  it('directives end at the first blank line (what follows is a plain comment)', () => {
    const text = '# syntax=docker/dockerfile:1\n\n# escape=`\nFROM alpine:3.20\nRUN sudo ls\n';
    assert.equal(
      ignoreFile(text, 'no-sudo'),
      '# syntax=docker/dockerfile:1\n# bulwark-ignore-file no-sudo\n\n# escape=`\nFROM alpine:3.20\nRUN sudo ls\n',
    );
  });

  it('appends to an existing bulwark-ignore-file comment, before its reason', () => {
    assert.equal(
      ignoreFile('# bulwark-ignore-file image-latest-tag -- dev image\nFROM alpine\nRUN sudo ls\n', 'no-sudo'),
      '# bulwark-ignore-file image-latest-tag, no-sudo -- dev image\nFROM alpine\nRUN sudo ls\n',
    );
    // Wherever it is (outside an instruction).
    assert.equal(
      ignoreFile('FROM alpine:3.20\nRUN sudo ls\n\n# bulwark-ignore-file DL3007\n', 'no-sudo'),
      'FROM alpine:3.20\nRUN sudo ls\n\n# bulwark-ignore-file DL3007, no-sudo\n',
    );
  });

  it('does not append to a next-instruction comment', () => {
    assert.equal(
      ignoreFile('# bulwark-ignore image-latest-tag\nFROM alpine\nRUN sudo ls\n', 'no-sudo'),
      '# bulwark-ignore-file no-sudo\n# bulwark-ignore image-latest-tag\nFROM alpine\nRUN sudo ls\n',
    );
  });

  it('a file without a final line break', () => {
    assert.equal(ignoreFile('FROM alpine:3.20\nRUN sudo ls', 'no-sudo'), '# bulwark-ignore-file no-sudo\nFROM alpine:3.20\nRUN sudo ls');
  });

  it('line and file fixes of several findings apply one after the other', () => {
    let text = 'FROM alpine:3.20\nRUN sudo ls\nRUN sudo id\n';
    text = ignoreLine(text, 'no-sudo', 2);
    text = ignoreFile(text, 'no-sudo');
    assert.equal(text, '# bulwark-ignore-file no-sudo\nFROM alpine:3.20\n# bulwark-ignore no-sudo\nRUN sudo ls\nRUN sudo id\n');
    assert.equal(applyEdits(text, []), text);
  });
});
