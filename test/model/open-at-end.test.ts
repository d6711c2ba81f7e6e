/**
 * DockerfileModel.openAtEnd probes only the last instruction (with the escape directive) instead of re-parsing the
 * whole file: it gives the answer of the definition — "an instruction appended on a new line after the whole file
 * parses as an instruction of its own" — on every corpus Dockerfile, on cuts of them, and on fuzzed inputs.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import { corpusSamples, fuzzInputArb } from '../fuzz/harness';

/** The definition, on the whole file. */
function reference(text: string): boolean {
  const instructions = DockerfileParser.parse(text).getInstructions();
  if (instructions.length === 0) return false;
  const probe = DockerfileParser.parse(`${text}\nLABEL bulwark.probe=1\n`).getInstructions();
  return !(probe.length === instructions.length + 1 && probe[probe.length - 1].getKeyword() === 'LABEL');
}

function check(text: string, label: string): boolean {
  const open = new DockerfileModel(text).openAtEnd;
  assert.equal(open, reference(text), `${label}: ${JSON.stringify(text.slice(-200))}`);
  return open;
}

describe('openAtEnd', () => {
  it('matches the whole-file probe on every corpus Dockerfile and on cuts of them', () => {
    const files = corpusSamples().dockerfile;
    assert.ok(files.length > 1000);
    let open = 0;
    let n = 0;
    for (const [k, { name, text }] of files.entries()) {
      check(text, name);
      if (k % 4 !== 0) continue;
      const lines = text.split('\n');
      // Deterministic cuts of every 4th file: 12 lines apart (mid-continuation and mid-heredoc cuts among them).
      for (let i = 3 + (k % 12); i < lines.length; i += 12) {
        n++;
        if (check(lines.slice(0, i).join('\n'), `${name} cut at line ${i}`)) open++;
      }
    }
    // Some cuts end inside a continuation or a heredoc: both answers are exercised.
    assert.ok(open > 50 && open < n, `${open} of ${n} cuts open`);
  });

  it('matches the whole-file probe on fuzzed Dockerfiles and with the backtick escape directive', () => {
    const dockerfiles = fuzzInputArb().filter((i) => i.kind === 'dockerfile');
    fc.assert(fc.property(dockerfiles, (input) => void check(input.text, input.origin)), { numRuns: 400 });
    const escaped = fc.tuple(fc.constantFrom('# escape=`\n', '# escape=\\\n', '#escape = `\n', ''), dockerfiles);
    fc.assert(fc.property(escaped, ([directive, input]) => void check(directive + input.text, input.origin)), { numRuns: 300 });
    assert.equal(check('# escape=`\nFROM a\nRUN x `\n', 'backtick continuation'), true);
    assert.equal(check('# escape=`\nFROM a\nRUN x \\\n', 'backslash under a backtick escape'), false);
    assert.equal(check('FROM a\nRUN <<EOF\nx\n', 'unclosed heredoc'), true);
   });

  it('matches it when the last instruction is probed under a neutral keyword (no `<<`: only a continuation holds it open)', () => {
    const words = `\t; ${'a '.repeat(2000)}`;
    for (const [text, open] of [
      [`FROM a\nRUN x \\\n${words}\\\n`, true],
      [`FROM a\nRUN x \\\n${words}\n`, false],
      [`FROM a\nrun x \\\n# comment\n\n`, true],
      ['FROM a\nONBUILD RUN x \\\n', true],
      ['FROM a\nCMD ["x"] \\ \n', true],
      ['FROM a\nR\\\nUN x\n', false],
      ['FROM a\nRUN x\n\\\n', false],
      ['# escape=`\nFROM a\nRUN x `\n', true],
      ['FROM a\nRUN x <<y \\\n', true],
    ] as const) {
      assert.equal(check(text, 'neutral keyword'), open, JSON.stringify(text.slice(0, 60)));
    }
  });
});
