/**
 * The benchmark's own machinery (not its timings: speed is judged by `npm run bench`, never by a timed test):
 * the statistics, the generated LSP documents and the edit sequence typed into them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import { parse } from 'yaml';
import { spread } from './corpus';
import { bestOfChildren } from './corpus-bench';
import { generatedCompose, generatedDockerfile } from './generate';
import { typing } from './lsp-latency';
import { renderReport, verdicts } from './report';
import type { BenchResult } from './report';
import { bestOf, percentile, stats } from './stats';

describe('bench statistics', () => {
  it('nearest-rank percentiles, median and total', () => {
    const s = stats([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]);
    assert.deepEqual(s, { n: 10, median: 5, p95: 10, max: 10, total: 55 });
    assert.equal(percentile([1, 2, 3, 4], 0.5), 2);
    assert.ok(Number.isNaN(stats([]).median));
  });

  it('a file counts with its best time over the rounds', () => {
    assert.deepEqual(bestOf([[3, 1, 5], [2, 4, 6]]), [2, 1, 5]);
  });

  it('two children of one contender: each file its best time, the higher peak, and the same files or an error', () => {
    const child = (times: number[], peakRss: number, names = ['a', 'b']) => ({ contender: 'c', files: names.length, names, times, bestRound: times[0] + times[1], results: 1, baseRss: 1, peakRss });
    const merged = bestOfChildren(child([3, 1], 10), child([2, 4], 20));
    assert.deepEqual([merged.times, merged.peakRss, merged.bestRound], [[2, 1], 20, 4]);
    assert.throws(() => bestOfChildren(child([1, 1], 1), child([1, 1], 1, ['a', 'x'])), /different files/);
  });

  it('spread picks evenly, in order, without repeats', () => {
    const picked = spread([...Array(100).keys()], 4);
    assert.deepEqual(picked, [12, 37, 62, 87]);
    assert.deepEqual(spread([1, 2], 5), [1, 2]);
  });
});

describe('bench LSP documents', () => {
  it('the Dockerfile has exactly 1,000 lines and parses into instructions from FROM to CMD', () => {
    const text = generatedDockerfile(1000);
    assert.equal(text.split('\n').length, 1000);
    const instructions = DockerfileParser.parse(text).getInstructions();
    assert.ok(instructions.length > 400, `${instructions.length} instructions`);
    assert.equal(instructions[instructions.length - 1].getKeyword(), 'CMD');
    assert.equal(instructions.filter((i) => i.getKeyword() === 'FROM').length > 40, true);
  });

  it('the Compose file has 50 services', () => {
    const doc = parse(generatedCompose(50)) as { services: Record<string, unknown> };
    assert.equal(Object.keys(doc.services).length, 50);
  });

  it('typing inserts one character and deletes it again, so the document returns to its text', () => {
    const text = generatedDockerfile(1000);
    const lines = text.split('\n');
    const edits = typing(text);
    for (let i = 0; i < 20; i++) {
      const e = edits.next().value!;
      assert.ok('range' in e);
      const { start, end } = e.range;
      assert.equal(start.line, end.line);
      assert.equal(e.text.length + (end.character - start.character), 1, 'one character inserted or deleted');
      const l = lines[start.line];
      lines[start.line] = l.slice(0, start.character) + e.text + l.slice(end.character);
      if (i % 2 === 1) assert.equal(lines.join('\n'), text);
    }
  });
});

/** The machine and method of a made-up run. */
const RUN: Pick<BenchResult, 'machine' | 'method'> = {
  machine: { date: '2026-01-01T00:00:00Z', cpu: 'cpu', cores: 2, ramGb: 4, node: 'v20', os: 'Linux', load: 0, commit: 'abc' },
  method: ['m'],
};

describe('bench report', () => {
  it('judges each target and marks a miss', () => {
    const row = { n: 1, median: 1, p95: 1, max: 1, total: 1 };
    const result: BenchResult = {
      ...RUN,
      sections: [
        {
          kind: 'dockerfile',
          files: 1,
          bytes: 10,
          rows: [{ label: 'bare parse', role: 'floor', how: 'in-process', files: 1, perFile: row, total: 1, peakRss: 1, output: '' }],
          analysisVsParse: { median: 1.2, total: 1.4 },
          peerVsBulwark: { peer: 'peer', files: 1, median: 3, total: 3 },
        },
      ],
    };
    assert.deepEqual(
      verdicts(result).map((v) => v.met),
      [true, false],
    );
    assert.match(renderReport(result), /\| \*\*no\*\* \|/);
    assert.deepEqual(verdicts(result).map((v) => v.cause === ''), [true, true], 'no peer row: no cause to compute');
  });

  it('gives each miss its cause from the run: parse and rules split, the time the peer target needs', () => {
    const perFile = (median: number) => ({ n: 1, median, p95: median, max: median, total: median });
    const rows = [
      { label: 'bare parse', role: 'floor' as const, how: 'in-process', files: 1, perFile: perFile(1), total: 1, peakRss: 1, output: '' },
      { label: 'peer', role: 'peer' as const, how: 'in-process', files: 1, perFile: perFile(2), total: 2, peakRss: 1, output: '' },
    ];
    const result: BenchResult = {
      ...RUN,
      sections: [
        {
          kind: 'dockerfile',
          files: 1,
          bytes: 10,
          rows,
          analysisVsParse: { median: 3, total: 2.8 },
          parseOnlyVsParse: { label: 'model', median: 1.9, total: 1.8 },
          peerVsBulwark: { peer: 'peer', files: 1, median: 0.7, total: 0.7 },
        },
      ],
    };
    const [parse, peer] = verdicts(result);
    assert.equal(parse.met, false);
    assert.match(parse.cause, /parse alone \(model\) is 1\.80× the bare parse, over the target before any rule runs; the rules add 1\.00×/);
    assert.match(peer.cause, /median ≤ 0\.40 ms per file, and the bare parse alone takes 1\.00 ms/);
    assert.ok(renderReport(result).includes(parse.cause));
  });
});
