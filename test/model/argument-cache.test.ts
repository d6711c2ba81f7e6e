/**
 * The argument cache (server/core/dockerfile/argument-cache.ts): after every edit of random edit sequences, each
 * instruction of the model built through a document's cache has the argument list (values and ranges) the library
 * computes on a fresh parse of the same text, including instructions that moved, repeated instructions, CR LF, `#
 * escape=` and heredocs; the analysis equals a fresh one (incremental.test.ts checks it too, with the same caches); the
 * cache holds at most the instructions of the last two parses, and rebuilds an entry after MAX_AGE parses.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import type { Argument, Instruction } from 'dockerfile-ast';
import { analyze, initializeCore } from '../../server/core/engine';
import { withoutArgumentMemo } from '../../server/core/dockerfile/ast-memo';
import { argumentCacheFor, MAX_AGE } from '../../server/core/dockerfile/argument-cache';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import { ShellParseCache } from '../../server/core/dockerfile/shell';
import { corpusDockerfiles } from '../helpers/shared';
import { generatedDockerfile } from '../bench/generate';

before(() => initializeCore());

function rawArguments(instr: Instruction): Argument[] {
  return (instr as unknown as { getRawArguments(): Argument[] }).getRawArguments();
}

const plain = (args: Argument[]) => args.map((a) => ({ value: a.getValue(), range: a.getRange() }));

/** Every instruction's argument list from the cached model equals the library's on a fresh parse. */
function sameArguments(model: DockerfileModel, label: string): void {
  const cached = model.ast.getInstructions();
  const fresh = withoutArgumentMemo(() => DockerfileParser.parse(model.text).getInstructions().map((i) => plain(rawArguments(i))));
  assert.equal(cached.length, fresh.length, label);
  cached.forEach((instr, k) => assert.deepEqual(plain(rawArguments(instr)), fresh[k], `${label}, instruction ${k}`));
}

/** Edits that move lines, repeat instructions, change the escape character, line breaks and argument splitting. */
const PIECES = [
  '\n', '\n\n', '\r\n', ' ', '\\\n', '\\', '"', '[', ']', ',', '<<EOF\nx\nEOF\n', '# escape=`\n', '`\n', '--mount=type=cache,target=/x ',
  'RUN apt-get update\n', 'RUN apt-get update\n', 'COPY a b\n', 'ENV A=1 B="2 3"\n', 'x',
];

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 60 })),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 2 })),
});

function apply(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

describe('argument cache', () => {
  it('gives the library’s argument lists after every edit of random edit sequences (fast-check)', () => {
    const files = [...corpusDockerfiles(40).map((f) => f.text), generatedDockerfile(150), 'FROM a\nRUN x\nRUN x\nRUN x\n'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 10 }), (i, edits) => {
        const shellCache = new ShellParseCache();
        let text = files[i];
        new DockerfileModel(text, { shellCache });
        edits.forEach((e, k) => {
          text = apply(text, e);
          const model = new DockerfileModel(text, { shellCache });
          shellCache.endGeneration();
          sameArguments(model, `file ${i}, edit ${k}`);
          if (k === edits.length - 1) {
            const options = { kind: 'dockerfile' as const, path: '/args/Dockerfile' };
            assert.deepEqual(analyze(text, { ...options, shellCache }), analyze(text, options), `file ${i}: analysis`);
          }
        });
      }),
      { numRuns: 120 },
    );
  });

  it('reuses unchanged instructions, moves those that moved, and holds at most two parses’ instructions', () => {
    const shellCache = new ShellParseCache();
    const cache = argumentCacheFor(shellCache)!;
    const text = generatedDockerfile(200);
    const first = new DockerfileModel(text, { shellCache });
    const count = first.ast.getInstructions().length;
    const misses = cache.stats.misses;
    const moved = new DockerfileModel(`\n\n${text}`, { shellCache });
    assert.equal(cache.stats.misses, misses, 'two lines added at the top: every list reused');
    sameArguments(moved, 'moved');
    assert.ok(cache.size <= 2 * count, `size ${cache.size} for ${count} instructions`);
    for (let k = 0; k < 5; k++) new DockerfileModel(`# ${k}\n${text}`, { shellCache });
    assert.ok(cache.size <= 2 * count, `size ${cache.size} after more parses`);
  });

  it('tells apart the same instruction text indented differently on the same line', () => {
    const shellCache = new ShellParseCache();
    new DockerfileModel('FROM a\nRUN apk add curl\n', { shellCache });
    sameArguments(new DockerfileModel('FROM a\n  RUN apk add curl\n', { shellCache }), 'indented');
    sameArguments(new DockerfileModel('FROM a\nRUN apk add curl\n', { shellCache }), 'not indented');
  });

  it('rebuilds an entry after MAX_AGE parses (its strings may hold an old version of the document)', () => {
    const shellCache = new ShellParseCache();
    const cache = argumentCacheFor(shellCache)!;
    const text = 'FROM alpine:3\nRUN apk add curl\n';
    for (let k = 0; k < MAX_AGE; k++) new DockerfileModel(text, { shellCache });
    const misses = cache.stats.misses;
    const model = new DockerfileModel(text, { shellCache });
    assert.ok(cache.stats.misses > misses, 'entries older than MAX_AGE are computed again');
    sameArguments(model, 'rebuilt');
  });
});
