/**
 * The bounded YAML read of Compose files (server/core/compose/yaml-parse.ts): past MAX_YAML_ERRORS syntax errors the
 * rest of the file is not read, with a clear problem saying where reading stopped; below the limit the documents are
 * exactly `parseAllDocuments`'s. No time is asserted (benchmarks and `npm run fuzz` measure it): the work is bounded
 * by what is asserted here — the errors made stay under twice the limit, and reading stops where the limit is passed.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { analyze, initializeCore } from '../../server/core/engine';
import { ComposeModel, MAX_YAML_PROBLEMS } from '../../server/core/compose/model';
import { MAX_YAML_DOCUMENTS, MAX_YAML_ERRORS, parseComposeYaml } from '../../server/core/compose/yaml-parse';
import { corpusSamples, fuzzInputArb } from '../fuzz/harness';

before(() => initializeCore());

const OPTIONS = { keepSourceTokens: true, merge: true, prettyErrors: false } as const;

/** Everything a parse result says: per document its errors, warnings, range and every node (kind, range, value). */
function fingerprint(docs: readonly Document.Parsed[], streamErrors: readonly { code: string; pos: [number, number] }[] = []): string {
  const out: unknown[] = [streamErrors.map((e) => [e.code, e.pos])];
  const walk = (node: unknown, acc: unknown[]) => {
    if (isPair(node)) {
      walk(node.key, acc);
      walk(node.value, acc);
    } else if (isMap(node) || isSeq(node)) {
      acc.push([isMap(node) ? 'map' : 'seq', node.range, node.tag ?? null]);
      for (const item of node.items) walk(item, acc);
    } else if (isScalar(node)) acc.push(['scalar', node.range, node.type ?? null, String(node.value)]);
    else if (isAlias(node)) acc.push(['alias', node.range, node.source]);
    else acc.push([node === null ? 'null' : typeof node]);
  };
  for (const d of docs) {
    const nodes: unknown[] = [];
    walk(d.contents, nodes);
    out.push({ errors: d.errors.map((e) => [e.code, e.pos, e.message]), warnings: d.warnings.map((w) => [w.code, w.pos, w.message]), range: d.range, nodes });
  }
  return JSON.stringify(out);
}

function reference(text: string): string {
  const docs = parseAllDocuments(text, OPTIONS);
  return fingerprint(docs as Document.Parsed[], docs.length === 0 ? (docs as unknown as { errors: { code: string; pos: [number, number] }[] }).errors : []);
}

function bounded(text: string, limit?: number): { print: string; stoppedAt?: number; errors: number } {
  const r = parseComposeYaml(text, OPTIONS, limit);
  return { print: fingerprint(r.documents, r.streamErrors), stoppedAt: r.stoppedAt, errors: r.documents.reduce((n, d) => n + d.errors.length, 0) };
}

/** Where the full parse's (limit + 1)th error starts. */
function overflowingError(text: string, limit = MAX_YAML_ERRORS): number {
  const errors = parseAllDocuments(text, OPTIONS).flatMap((d) => d.errors);
  assert.ok(errors.length > limit, `${errors.length} errors`);
  return errors[limit].pos[0];
}

describe('bounded YAML read: unchanged below the limit', () => {
  it('every corpus Compose file: the same documents, errors and nodes as parseAllDocuments, never stopped', () => {
    const files = corpusSamples().compose;
    assert.ok(files.length > 100);
    for (const f of files) {
      const text = f.text.replace(/\r(?!\n)/g, '\n');
      const r = bounded(text);
      assert.equal(r.stoppedAt, undefined, f.name);
      assert.equal(r.print, reference(text), f.name);
      assert.equal(new ComposeModel(f.text).stoppedAt, undefined, f.name);
    }
  });

  it('fuzzed Compose files (mutated corpus files, token soup): equal to parseAllDocuments whenever the limit is not passed', () => {
    fc.assert(
      fc.property(
        fuzzInputArb().filter((i) => i.kind === 'compose'),
        fc.integer({ min: 0, max: 30 }),
        (input, limit) => {
          const full = parseAllDocuments(input.text, OPTIONS);
          const errors = full.reduce((n, d) => n + d.errors.length, 0) + (full.length === 0 ? (full as unknown as { errors: unknown[] }).errors.length : 0);
          const r = bounded(input.text, limit);
          if (errors <= limit) {
            assert.equal(r.stoppedAt, undefined);
            assert.equal(r.print, reference(input.text));
          } else {
            // Stopped (a small limit makes it happen on small inputs): at most twice the limit kept, from the text before.
            assert.notEqual(r.stoppedAt, undefined);
            assert.ok(r.stoppedAt! < input.text.length);
            assert.ok(r.errors <= 2 * limit, `${r.errors} errors kept with limit ${limit}`);
            assert.equal(r.print, bounded(input.text.slice(0, r.stoppedAt), 2 * limit).print, 'the documents are those of the text before the stop');
          }
        },
      ),
      { numRuns: 300, seed: 20261122 },
    );
  });
});

describe('bounded YAML read: garbage past the limit', () => {
  const head = 'services:\n  web:\n    image: nginx:1.27\n';
  // Small equivalents of the slow inputs issue #8's 100,000-case fuzz run saved (11–63 KB mutated Compose files).
  const garbage: Record<string, string> = {
    'a line of "" after a value': `${head}    command: "x" ${'"" '.repeat(1500)}\n`,
    '&& && … (a node with thousands of anchors)': `${head}x-a: ${'&& '.repeat(1500)}\n`,
    '${A} repeated in an unclosed {': `${head}x-b: {${'${A}'.repeat(1500)}\n`,
    'a flow sequence of commas': `${head}x-c: [${','.repeat(2500)}\n`,
    '{${A}} after the document (errors in the stream)': `{}\n${'{${A}}'.repeat(1500)}\n`,
    'thousands of lines of stray closing braces': `${head}${'} \n'.repeat(1500)}`,
  };
  for (const [name, text] of Object.entries(garbage)) {
    it(`${name}: stops where the limit is passed, says so, keeps what came before`, () => {
      const model = new ComposeModel(text);
      assert.equal(model.stoppedAt, overflowingError(text));
      const stop = model.problems.at(-1)!;
      assert.equal(stop.code, 'TOO_MANY_ERRORS');
      const at = model.lines.positionAt(model.stoppedAt!);
      assert.equal(stop.message, `Too many YAML syntax errors (more than ${MAX_YAML_ERRORS}): reading stopped at line ${at.line + 1}, column ${at.character + 1}; the rest of the file is not analyzed.`);
      assert.deepEqual(stop.range.start, at);
      // Bounded work: the errors made are those of the text before the stop (under twice the limit), and at most
      // MAX_YAML_PROBLEMS of them are described.
      const kept = model.documents.reduce((n, d) => n + d.yaml.errors.length, 0);
      assert.ok(kept <= 2 * MAX_YAML_ERRORS, `${kept} errors kept`);
      assert.ok(model.problems.length <= MAX_YAML_PROBLEMS + 2, `${model.problems.length} problems`);
      // The rules run on what was read: no rule error, the stop reported by compose-yaml-syntax, and the service
      // written before the garbage is still analyzed.
      const result = analyze(text, { kind: 'compose', path: '/w/compose.yaml', allRules: true });
      assert.deepEqual(result.ruleErrors, []);
      assert.ok(result.findings.some((f) => f.ruleId === 'compose-yaml-syntax' && f.message.startsWith('Too many YAML syntax errors')));
      if (text.startsWith(head)) {
        assert.deepEqual(model.services.map((s) => s.name), ['web']);
        assert.ok(result.findings.some((f) => f.ruleId === 'compose-cap-drop-all' && f.range.start.line === 1), 'web is analyzed');
      }
    });
  }

  it('one long line of garbage (more tokens than a probe waits for) stops at the same place as the full parse says', () => {
    const text = `${head}    command: "x" ${'"" '.repeat(12_000)}\n`;
    const model = new ComposeModel(text);
    assert.equal(model.stoppedAt, overflowingError(text));
    assert.ok(model.documents.reduce((n, d) => n + d.yaml.errors.length, 0) <= 2 * MAX_YAML_ERRORS);
  });

  it('one long line of valid JSON (probed, not stopped) gives the same documents as parseAllDocuments', () => {
    const services: Record<string, unknown> = {};
    for (let i = 0; i < 1500; i++) services[`s${i}`] = { image: `nginx:1.${i}`, ports: ['80'] };
    const text = JSON.stringify({ services });
    const r = bounded(text);
    assert.equal(r.stoppedAt, undefined);
    assert.equal(r.print, reference(text));
  });

  it('an alias bomb followed by garbage: the aliases are still refused, and reading stops', () => {
    const lines = ['services:', '  web:', '    image: nginx:1.27', 'x-l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 10; i++) lines.push(`x-l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(', ')}]`);
    lines.push('x-env: *l9', `x-junk: ${'&& '.repeat(1500)}`);
    const model = new ComposeModel(lines.join('\n') + '\n');
    assert.ok(model.documents[0].aliasesRefused, 'alias expansion refused');
    assert.ok(model.problems.some((p) => /alias/i.test(p.message)));
    assert.ok(model.problems.some((p) => p.code === 'TOO_MANY_ERRORS'));
  });

  it('thousands of documents: reading stops after the limit, says so, the first document is analyzed', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n' + '---\nx: 1\n'.repeat(MAX_YAML_DOCUMENTS + 500);
    const model = new ComposeModel(text);
    assert.ok(model.documents.length > 1 && model.documents.length <= MAX_YAML_DOCUMENTS + 1, `${model.documents.length} documents`);
    const stop = model.problems.at(-1)!;
    assert.equal(stop.code, 'TOO_MANY_DOCUMENTS');
    const at = model.lines.positionAt(model.stoppedAt!);
    assert.equal(stop.message, `More than ${MAX_YAML_DOCUMENTS} YAML documents: reading stopped at line ${at.line + 1}, column 1; the rest of the file is not analyzed.`);
    assert.equal(model.lines.lineText(at.line), '---');
    assert.deepEqual(model.services.map((s) => s.name), ['web']);
    // A few documents (as real files have) are read to the end.
    assert.equal(new ComposeModel('services: {}\n' + '---\nx: 1\n'.repeat(20)).stoppedAt, undefined);
  });

  it('process.env and Error.stackTraceLimit are restored after a read, also one that stopped', () => {
    const env = process.env;
    const traces = Error.stackTraceLimit;
    parseComposeYaml(garbage['a flow sequence of commas'], OPTIONS);
    parseComposeYaml('services: {}\n', OPTIONS);
    assert.equal(process.env, env);
    assert.equal(Error.stackTraceLimit, traces);
  });
});
