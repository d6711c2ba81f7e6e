/** Unit tests of the server's analysis runner: rule errors logged once, failures contained, paths and host. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { initializeCore } from '../../server/core';
import type { AnalysisResult, AnalyzeOptions, FileKind, Finding } from '../../server/core';
import { Analyzer, AnalyzeFn, fsHost } from '../../server/lsp/analysis';

const finding: Finding = {
  ruleId: 'no-sudo',
  severity: 'error',
  message: 'sudo',
  range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } },
};

const doc = (uri = 'file:///w/Dockerfile', version = 1) => ({ uri, version, kind: 'dockerfile' as FileKind, text: 'FROM x\n' });

describe('Analyzer', () => {
  test('an edited Dockerfile is analysed with one shell cache and incremental state from its second analysis on; others and closed ones without', () => {
    const caches: unknown[] = [];
    const states: unknown[] = [];
    const fn: AnalyzeFn = (_text, options): AnalysisResult => {
      caches.push(options.shellCache);
      states.push(options.incremental);
      return { kind: 'dockerfile', findings: [], ruleErrors: [] };
    };
    const analyzer = new Analyzer(() => undefined, undefined, fn);
    for (let v = 1; v <= 3; v++) analyzer.run({ ...doc('file:///w/Dockerfile', v), incremental: true });
    assert.equal(caches[0], undefined, 'opening keeps nothing');
    assert.ok(caches[1] !== undefined && caches[2] === caches[1], 'edits share one cache');
    assert.ok(states[0] === undefined && states[1] !== undefined && states[2] === states[1], 'and one incremental state');
    analyzer.run(doc('file:///w/other/Dockerfile', 1));
    analyzer.run(doc('file:///w/other/Dockerfile', 2));
    analyzer.run({ ...doc('file:///w/compose.yaml', 1), kind: 'compose', incremental: true });
    analyzer.run({ ...doc('file:///w/compose.yaml', 2), kind: 'compose', incremental: true });
    assert.deepEqual(caches.slice(3), [undefined, undefined, undefined, undefined], 'not for workspace files or Compose');
    analyzer.forget('file:///w/Dockerfile');
    analyzer.run({ ...doc('file:///w/Dockerfile', 1), incremental: true });
    assert.equal(caches[7], undefined, 'closed and reopened: starts over');
    assert.deepEqual(states.slice(3), [undefined, undefined, undefined, undefined, undefined]);
  });

  test('a rule that throws is logged once per rule id; the other findings are kept', () => {
    const logs: string[] = [];
    const fn: AnalyzeFn = (): AnalysisResult => ({
      kind: 'dockerfile',
      findings: [finding],
      ruleErrors: [
        { ruleId: 'broken-a', error: 'Error: boom a' },
        { ruleId: 'broken-b', error: 'Error: boom b' },
      ],
    });
    const analyzer = new Analyzer((m) => logs.push(m), undefined, fn);
    for (let v = 1; v <= 3; v++) {
      const s = analyzer.run(doc('file:///w/Dockerfile', v));
      assert.deepEqual(s.findings, [finding]);
      assert.equal(s.version, v);
    }
    assert.equal(logs.length, 2);
    assert.match(logs[0], /broken-a.*boom a/s);
    assert.match(logs[1], /broken-b.*boom b/s);
  });

  test('an analysis that throws is contained: no findings, logged once per distinct error', () => {
    const logs: string[] = [];
    let n = 0;
    const fn: AnalyzeFn = () => {
      throw new Error(n++ < 2 ? 'same failure' : 'other failure');
    };
    const analyzer = new Analyzer((m) => logs.push(m), undefined, fn);
    for (let i = 0; i < 3; i++) assert.deepEqual(analyzer.run(doc()).findings, []);
    assert.equal(logs.length, 2);
    assert.match(logs[0], /same failure/);
    assert.match(logs[1], /other failure/);
  });

  test('passes kind, configured options, the fs host and the path of file URIs only', () => {
    const seen: (AnalyzeOptions & { kind?: FileKind })[] = [];
    const fn: AnalyzeFn = (_text, options) => {
      seen.push(options);
      return { kind: 'dockerfile', findings: [], ruleErrors: [] };
    };
    const analyzer = new Analyzer(() => undefined, () => ({ allRules: true, rules: { 'no-sudo': 'off' } }), fn);
    analyzer.run(doc('file:///w/a%20b/Dockerfile'));
    analyzer.run({ ...doc('untitled:Untitled-1'), kind: 'compose' });
    assert.equal(seen[0].path, process.platform === 'win32' ? '\\w\\a b\\Dockerfile' : '/w/a b/Dockerfile');
    assert.equal(seen[0].kind, 'dockerfile');
    assert.equal(seen[0].allRules, true);
    assert.deepEqual(seen[0].rules, { 'no-sudo': 'off' });
    assert.equal(seen[0].host, fsHost);
    assert.equal('path' in seen[1], false);
    assert.equal(seen[1].kind, 'compose');
  });

  test('the real core runs end to end', async () => {
    await initializeCore();
    const analyzer = new Analyzer(() => assert.fail('no errors expected'));
    const s = analyzer.run({ ...doc(), text: 'FROM debian:12\nRUN sudo ls\n' });
    assert.ok(s.findings.some((f) => f.ruleId === 'no-sudo'));
  });
});

describe('Analyzer.fixAll', () => {
  test('runs the core fix-all with the analysis options; a throw is logged once and yields undefined', () => {
    const logs: string[] = [];
    const seen: (AnalyzeOptions & { kind?: FileKind })[] = [];
    let fail = false;
    const fixAllFn = (text: string, options: AnalyzeOptions & { kind?: FileKind }) => {
      seen.push(options);
      if (fail) throw new Error('fix-all broke');
      return { text: text.replace('sudo ', ''), fixed: [], createFiles: [], remaining: [] };
    };
    const analyzer = new Analyzer((m) => logs.push(m), () => ({ allRules: true }), undefined, fsHost, fixAllFn);
    const result = analyzer.fixAll({ ...doc('file:///w/Dockerfile'), text: 'RUN sudo ls\n' });
    assert.equal(result?.text, 'RUN ls\n');
    assert.equal(seen[0].path, process.platform === 'win32' ? '\\w\\Dockerfile' : '/w/Dockerfile');
    assert.equal(seen[0].allRules, true);
    assert.equal(seen[0].host, fsHost);
    assert.equal(seen[0].kind, 'dockerfile');
    fail = true;
    for (let i = 0; i < 3; i++) assert.equal(analyzer.fixAll(doc()), undefined);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /fix-all of file:\/\/\/w\/Dockerfile failed.*fix-all broke/s);
  });

  test('the real core: the snapshot keeps the text; fix-all applies the safe fixes', async () => {
    await initializeCore();
    const analyzer = new Analyzer(() => assert.fail('no errors expected'));
    const input = { ...doc(), text: 'FROM debian:12\nRUN sudo ls\n' };
    assert.equal(analyzer.run(input).text, input.text);
    assert.doesNotMatch(analyzer.fixAll(input)!.text, /sudo/);
  });
});

describe('fsHost', () => {
  test('exists reports files and folders, and never throws', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-host-'));
    try {
      fs.writeFileSync(path.join(dir, '.dockerignore'), '.git\n');
      assert.equal(fsHost.exists(path.join(dir, '.dockerignore')), true);
      assert.equal(fsHost.exists(dir), true);
      assert.equal(fsHost.exists(path.join(dir, 'missing')), false);
      assert.equal(fsHost.exists('\0'), false);
      assert.ok(pathToFileURL(dir).href.startsWith('file://'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
