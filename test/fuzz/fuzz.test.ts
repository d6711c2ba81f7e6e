/**
 * Property test over fuzzed Dockerfiles and Compose files (a bounded run; `npm run fuzz` runs 100,000 cases):
 * mutated corpus files and token soup go through the full analysis with every rule on and through every offered
 * fix. No exception, no rule that throws, every finding inside the file, every fix keeps the fix properties
 * (test/helpers/fix-properties.ts). The seed is fixed so `npm test` is repeatable; BULWARK_FUZZ_SEED and
 * BULWARK_FUZZ_TEST_RUNS change it. Analysis time is measured by `npm run fuzz`, never asserted here.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { initializeCore } from '../../server/core/engine';
import { checkInput, fuzzInputArb, mutate } from './harness';

before(() => initializeCore());

const seed = Number(process.env.BULWARK_FUZZ_SEED ?? 20261122);
const numRuns = Number(process.env.BULWARK_FUZZ_TEST_RUNS ?? 150);

describe('fuzzing the analysis and the fixes', () => {
  it('mutations do what they say', () => {
    assert.equal(mutate('abcdef', { op: 'truncate', at: 0.5 }), 'abc');
    assert.equal(mutate('abcdef', { op: 'insert', at: 0.5, text: '${' }), 'abc${def');
    assert.equal(mutate('abcdef', { op: 'flip', at: 0, char: '\u0000' }), '\u0000bcdef');
    assert.equal(mutate('a\nb\r\nc', { op: 'eol', to: '\r\n' }), 'a\r\nb\r\nc');
    assert.equal(mutate('a\nb\nc\nd', { op: 'eol', to: 'mixed' }), 'a\nb\r\nc\rd');
  });

  it(`${numRuns} fuzzed inputs: no exception, no rule error, findings in range, every fix keeps its properties (seed ${seed})`, () => {
    let fixes = 0;
    let findings = 0;
    fc.assert(
      fc.property(fuzzInputArb(), (input) => {
        const outcome = checkInput(input);
        fixes += outcome.fixesChecked;
        findings += outcome.findings;
        assert.deepEqual(outcome.failures, [], `${input.kind} from ${input.origin}:\n${JSON.stringify(input.text.slice(0, 2000))}`);
      }),
      { numRuns, seed },
    );
    console.log(`# fuzz: ${numRuns} inputs, ${findings} findings, ${fixes} fixes checked`);
    assert.ok(fixes > 0, 'the inputs offered no fix to check');
  });
});
