/**
 * The memoized dockerfile-ast argument lists (server/core/dockerfile/ast-memo.ts) change nothing: the analysis with
 * them equals the analysis with the library's own method, on corpus files, the benchmark's generated Dockerfile and
 * random edits of them (fast-check); and callers that mutate the array they get do not change the next answer.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import type { Argument, Instruction } from 'dockerfile-ast';
import { analyze, initializeCore } from '../../server/core/engine';
import { withoutArgumentMemo } from '../../server/core/dockerfile/ast-memo';
import { corpusDockerfiles } from '../helpers/shared';
import { generatedDockerfile } from '../bench/generate';

before(() => initializeCore());

const corpus = corpusDockerfiles;

function sameAnalysis(text: string, label: string): void {
  const options = { path: '/memo/Dockerfile', kind: 'dockerfile' as const };
  assert.deepEqual(analyze(text, options), withoutArgumentMemo(() => analyze(text, options)), label);
}

/** The library's private per-call argument scan (the memoized method). */
function rawArguments(instr: Instruction): Argument[] {
  return (instr as unknown as { getRawArguments(): Argument[] }).getRawArguments();
}

/** Characters that change how dockerfile-ast splits arguments: escapes, quotes, flags, JSON brackets, heredocs. */
const EDIT_CHARS = ['\\', '"', "'", ' ', '\n', '\t', '-', '--', '=', '[', ']', ',', '<<EOF\n', '#', '$', '`', '\r\n', 'x'];

describe('dockerfile-ast argument memo', () => {
  it('returns a fresh array each call: shift() by one caller (as ModifiableInstruction does) does not leak', () => {
    const [, run] = DockerfileParser.parse('FROM a\nRUN --mount=type=cache,target=/x apt-get install -y curl\n').getInstructions();
    const first = rawArguments(run);
    first.shift();
    const again = rawArguments(run);
    assert.equal(again.length, first.length + 1);
    assert.deepEqual(
      again.map((a) => a.getValue()),
      withoutArgumentMemo(() => rawArguments(run).map((a) => a.getValue())),
    );
    assert.deepEqual(
      run.getArguments().map((a) => a.getValue()),
      ['apt-get', 'install', '-y', 'curl'],
    );
  });

  it('findings equal the unmemoized analysis on corpus files and the generated 1,000-line Dockerfile', () => {
    for (const { name, text } of corpus(5)) sameAnalysis(text, name);
    sameAnalysis(generatedDockerfile(1000), 'generated');
  });

  it('findings equal the unmemoized analysis after random edits (fast-check)', () => {
    const files = [...corpus(40).map((f) => f.text), generatedDockerfile(120)];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: files.length - 1 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(3), fc.constantFrom(...EDIT_CHARS)), { minLength: 1, maxLength: 6 }),
        (file, edits) => {
          let text = files[file];
          for (const [where, deleted, inserted] of edits) {
            const at = Math.floor(where * text.length);
            text = text.slice(0, at) + inserted + text.slice(at + deleted);
          }
          sameAnalysis(text, JSON.stringify({ file, edits }));
        },
      ),
      { numRuns: 150, seed: 8 },
    );
  });
});
