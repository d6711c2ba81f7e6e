/**
 * The CI output formats of `bulwark lint` (sarif, github, junit), standard input (`-`, --stdin-filename) and the exit
 * codes of every format, run as users run them: the BUILT dist/cli.js as a child process (BULWARK_DIST names a private
 * build). The SARIF validator's verdict is in sarif-validator.test.ts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SaxesParser } from 'saxes';
import type * as Sarif from 'sarif';
import { allRules, applyEdits, effectiveSeverity, getRule, initializeCore, ruleDocUrl, safeFixOf, analyze } from '../../server/core';
import type { Finding } from '../../server/core';
import { escapeData, escapeProperty, formatGithub } from '../../server/cli/github';
import { formatJunit, xmlEscape } from '../../server/cli/junit';
import { encodeRelative, FINGERPRINT_KEY, pascalName, SARIF_SCHEMA, SRCROOT } from '../../server/cli/sarif';
import { run } from '../../server/cli/main';
import type { Io } from '../../server/cli/main';

function findRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'bulwark') return dir;
    if (path.dirname(dir) === dir) throw new Error('repository root not found');
  }
}

const ROOT = findRoot();
const CLI = process.env.BULWARK_DIST ? path.resolve(process.env.BULWARK_DIST, 'cli.js') : path.join(ROOT, 'dist', 'cli.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const FORMATS = ['text', 'json', 'sarif', 'github', 'junit'] as const;
const RANK = { info: 0, warning: 1, error: 2 } as const;

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function bulwark(args: string[], opts: { cwd?: string; input?: string | Buffer } = {}): RunResult {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? FIXTURES,
    env,
    encoding: 'utf8',
    timeout: 30_000,
    input: opts.input ?? '',
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}
interface JsonReport {
  version: number;
  files: { path: string; kind: string; findings: JsonFinding[] }[];
}

function json(args: string[], opts: { cwd?: string; input?: string } = {}): JsonReport {
  const r = bulwark(['lint', '--format', 'json', ...args], opts);
  assert.ok(r.stdout, r.stderr);
  return JSON.parse(r.stdout) as JsonReport;
}

function sarif(args: string[], opts: { cwd?: string; input?: string } = {}): { log: Sarif.Log; run: Sarif.Run; r: RunResult } {
  const r = bulwark(['lint', '--format', 'sarif', ...args], opts);
  assert.ok(r.stdout, r.stderr);
  const log = JSON.parse(r.stdout) as Sarif.Log;
  assert.equal(log.runs.length, 1);
  return { log, run: log.runs[0], r };
}

function expectedExit(report: JsonReport, failOn: keyof typeof RANK): number {
  return report.files.some((f) => f.findings.some((x) => RANK[x.severity] >= RANK[failOn])) ? 1 : 0;
}

/** The Dockerfile rules that run by default (or with --all-rules), in catalog order. */
function dockerfileRulesThatRun(all = false): string[] {
  return allRules.filter((r) => r.meta.kind === 'dockerfile' && effectiveSeverity(r, { allRules: all }) !== 'off').map((r) => r.meta.id);
}

// ---- a minimal, strict XML reader (saxes: XML 1.0 well-formedness, characters and entities checked) ----------------

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Parses XML strictly; throws on the first well-formedness error. */
function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  const errors: string[] = [];
  parser.on('error', (e) => errors.push(e.message));
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: '' };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => (stack[stack.length - 1].text += t));
  parser.write(xml).close();
  if (errors.length) throw new Error(`not well-formed XML: ${errors[0]}`);
  assert.equal(root.children.length, 1, 'one root element');
  return root.children[0];
}

const kids = (n: XmlNode, name: string) => n.children.filter((c) => c.name === name);

let tmp: string;

before(async () => {
  await initializeCore();
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-formats-')));
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function write(rel: string, text: string): string {
  const abs = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
  return abs;
}

describe('bulwark lint --format: usage', () => {
  it('an unknown format names the five formats', () => {
    const r = bulwark(['lint', '--format', 'xml', 'clean']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /invalid --format "xml": expected one of text, json, sarif, github, junit/);
  });

  for (const [args, pattern] of [
    [['rules', '--format', 'sarif'], /invalid --format "sarif" for "rules"/],
    [['lint', '--fix-dry-run', '--format', 'sarif', 'clean'], /--fix-dry-run prints a diff/],
    [['lint', '--stdin-filename', 'Dockerfile', 'clean'], /--stdin-filename needs "-"/],
    [['lint', '-', '-'], /can be given once/],
    [['lint', '--fix', '-'], /--fix cannot write back to standard input/],
    [['lint', '--stdin-filename=', '-'], /needs a file name/],
  ] as [string[], RegExp][]) {
    it(`usage error: bulwark ${args.join(' ')}`, () => {
      const r = bulwark(args);
      assert.equal(r.status, 2);
      assert.match(r.stderr, pattern);
      assert.equal(r.stdout, '');
    });
  }

  it('--help lists the formats and --stdin-filename', () => {
    for (const args of [['--help'], ['lint', '--help']]) {
      const r = bulwark(args);
      for (const word of ['sarif', 'github', 'junit', '--stdin-filename']) assert.ok(r.stdout.includes(word), `${args.join(' ')} mentions ${word}`);
    }
  });
});

describe('bulwark lint: exit codes are the same in every format', () => {
  for (const dir of ['clean', 'warnings', 'project']) {
    it(`${dir}: --fail-on error|warning|info, --exit-zero`, () => {
      const report = json([dir]);
      for (const format of FORMATS) {
        for (const level of ['error', 'warning', 'info'] as const) {
          const r = bulwark(['lint', '--format', format, '--fail-on', level, dir]);
          assert.equal(r.status, expectedExit(report, level), `${dir} --format ${format} --fail-on ${level}`);
          assert.ok(r.stdout.length > 0, `${format} prints something`);
        }
        assert.equal(bulwark(['lint', '--format', format, '--fail-on', 'info', '--exit-zero', dir]).status, 0);
      }
    });
  }

  it('unreadable input exits 2 in every format, and the output is still well-formed', () => {
    for (const format of FORMATS) {
      const r = bulwark(['lint', '--format', format, '--exit-zero', 'clean', 'missing/Dockerfile']);
      assert.equal(r.status, 2, format);
      assert.match(r.stderr, /missing\/Dockerfile: cannot read/);
      if (format === 'sarif' || format === 'json') JSON.parse(r.stdout);
      if (format === 'junit') parseXml(r.stdout);
    }
  });
});

describe('bulwark lint --format github', () => {
  it('one workflow command per finding, matching the JSON findings, then a summary line', () => {
    const report = json(['project']);
    const r = bulwark(['lint', '--format', 'github', 'project']);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    const findings = report.files.flatMap((f) => f.findings.map((x) => ({ ...x, path: f.path })));
    assert.equal(lines.length, findings.length + 1);
    const command = { error: 'error', warning: 'warning', info: 'notice' };
    findings.forEach((x, i) => {
      const cols = x.line === x.endLine ? `,col=${x.column},endColumn=${x.endColumn}` : '';
      const props = `file=${escapeProperty(x.path)},line=${x.line},endLine=${x.endLine}${cols},title=${x.rule}`;
      assert.equal(lines[i], `::${command[x.severity]} ${props}::${escapeData(x.message)}`);
    });
    assert.match(lines.at(-1) ?? '', /^Bulwark: \d+ problems \(\d+ errors?, \d+ warnings?, \d+ info\) in 4 files\.$/);
    assert.doesNotMatch(lines.at(-1) ?? '', /^::/);
  });

  it('a clean run prints only the summary', () => {
    const r = bulwark(['lint', '--format', 'github', 'clean']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'Bulwark: no problems found in 1 file.\n');
  });

  it('escapes data (%, CR, LF) and properties (also : and ,) as @actions/core does', () => {
    assert.equal(escapeData('100% done\r\nnext::x, y:z'), '100%25 done%0D%0Anext::x, y:z');
    assert.equal(escapeProperty('a%b\r\nc:d,e'), 'a%25b%0D%0Ac%3Ad%2Ce');
    const finding: Finding = {
      ruleId: 'no-sudo',
      severity: 'warning',
      message: 'line one\nline two: 50% ::error::injected',
      range: { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } },
    };
    const out = formatGithub([{ path: 'dir,with:odd%chars/Dockerfile', kind: 'dockerfile', findings: [finding] }]);
    const first = out.split('\n')[0];
    assert.equal(
      first,
      '::warning file=dir%2Cwith%3Aodd%25chars/Dockerfile,line=2,endLine=2,col=5,endColumn=9,title=no-sudo::' +
        'line one%0Aline two: 50%25 ::error::injected',
    );
    // The message cannot start a second command: it stays on one line.
    assert.equal(out.split('\n').filter((l) => l.startsWith('::')).length, 1);
  });

  it('a finding over several lines has no columns (GitHub accepts them only on one line)', () => {
    const finding: Finding = {
      ruleId: 'no-sudo',
      severity: 'info',
      message: 'm',
      range: { start: { line: 0, character: 3 }, end: { line: 2, character: 1 } },
    };
    const out = formatGithub([{ path: 'Dockerfile', kind: 'dockerfile', findings: [finding] }]);
    assert.equal(out.split('\n')[0], '::notice file=Dockerfile,line=1,endLine=3,title=no-sudo::m');
  });

  it('a real file whose path needs escaping', () => {
    write('odd,dir:1/Dockerfile', 'FROM debian:12\nRUN sudo true\n');
    const r = bulwark(['lint', '--format', 'github', 'odd,dir:1'], { cwd: tmp });
    assert.match(r.stdout, /^::error file=odd%2Cdir%3A1\/Dockerfile,line=2,endLine=2,col=5,endColumn=9,title=no-sudo::/m);
  });
});

describe('bulwark lint --format junit', () => {
  it('is well-formed XML: a testsuite per file, a testcase per rule that ran, failures at or above --fail-on', () => {
    const report = json(['project']);
    for (const level of ['error', 'warning', 'info'] as const) {
      const r = bulwark(['lint', '--format', 'junit', '--fail-on', level, 'project']);
      assert.equal(r.status, expectedExit(report, level));
      assert.match(r.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
      const root = parseXml(r.stdout);
      assert.equal(root.name, 'testsuites');
      const suites = kids(root, 'testsuite');
      assert.deepEqual(
        suites.map((s) => s.attributes.name),
        report.files.map((f) => f.path),
      );
      const ran = dockerfileRulesThatRun();
      let failures = 0;
      let tests = 0;
      for (const [i, suite] of suites.entries()) {
        const file = report.files[i];
        const cases = kids(suite, 'testcase');
        assert.deepEqual(
          cases.map((c) => c.attributes.name),
          ran.map((id) => `${id} in ${file.path}`),
        );
        for (const c of cases) {
          assert.equal(c.attributes.classname, file.path);
          assert.equal(c.attributes.file, file.path);
          const id = c.attributes.name.split(' ')[0];
          const found = file.findings.filter((x) => x.rule === id);
          const failing = found.filter((x) => RANK[x.severity] >= RANK[level]);
          const failure = kids(c, 'failure');
          assert.equal(failure.length, failing.length ? 1 : 0, `${file.path} ${id} at ${level}`);
          if (failing.length) {
            const text = failure[0].text;
            for (const x of failing) assert.ok(text.includes(`${file.path}:${x.line}:${x.column}: ${x.severity}: ${x.message}`));
            assert.ok(text.includes(ruleDocUrl(id)));
            assert.ok(failure[0].attributes.message.startsWith(failing[0].message));
            const worst = failing.reduce((a, x) => (RANK[x.severity] > RANK[a.severity] ? x : a)).severity;
            assert.equal(failure[0].attributes.type, worst);
          }
          const below = found.filter((x) => RANK[x.severity] < RANK[level]);
          const out = kids(c, 'system-out');
          assert.equal(out.length, below.length ? 1 : 0);
          for (const x of below) assert.ok(out[0].text.includes(`${file.path}:${x.line}:${x.column}: ${x.severity}: ${x.message}`));
        }
        assert.equal(suite.attributes.tests, String(cases.length));
        assert.equal(suite.attributes.failures, String(cases.filter((c) => kids(c, 'failure').length).length));
        failures += Number(suite.attributes.failures);
        tests += cases.length;
      }
      assert.equal(root.attributes.tests, String(tests));
      assert.equal(root.attributes.failures, String(failures));
      assert.equal(root.attributes.errors, '0');
      // Names are unique across the report (GitLab keeps only the first of several same-named test cases).
      const names = suites.flatMap((s) => kids(s, 'testcase').map((c) => `${c.attributes.classname}\u0000${c.attributes.name}`));
      assert.equal(new Set(names).size, names.length);
    }
  });

  it('--all-rules adds the off-by-default rules as test cases', () => {
    const root = parseXml(bulwark(['lint', '--format', 'junit', '--all-rules', 'all-rules']).stdout);
    const names = kids(kids(root, 'testsuite')[0], 'testcase').map((c) => c.attributes.name.split(' ')[0]);
    assert.deepEqual(names, dockerfileRulesThatRun(true));
  });

  it('an unreadable file is a test case in error', () => {
    const r = bulwark(['lint', '--format', 'junit', 'clean', 'missing/Dockerfile']);
    assert.equal(r.status, 2);
    const root = parseXml(r.stdout);
    assert.equal(root.attributes.errors, '1');
    const suite = kids(root, 'testsuite').find((s) => s.attributes.name === 'missing/Dockerfile');
    assert.ok(suite);
    const error = kids(kids(suite, 'testcase')[0], 'error')[0];
    assert.match(error.attributes.message, /cannot read: no such file or directory/);
  });

  it('escapes markup, quotes and characters XML cannot carry', () => {
    const nasty = 'a <b> & "c" \'d\' ]]> \x01\x1b[31m \ud800 tab\tnew\nline \u{1f600}';
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const finding: Finding = { ruleId: 'no-sudo', severity: 'error', message: nasty, range };
    const files = [{ path: 'a&b<c>/"Dockerfile"', kind: 'dockerfile' as const, findings: [finding] }];
    const xml = formatJunit(files, { failOn: 'error', allRules: false, errors: [] });
    const root = parseXml(xml);
    const suite = kids(root, 'testsuite')[0];
    assert.equal(suite.attributes.name, 'a&b<c>/"Dockerfile"');
    const failure = kids(kids(suite, 'testcase').find((c) => c.attributes.name.startsWith('no-sudo '))!, 'failure')[0];
    const expected = 'a <b> & "c" \'d\' ]]> \ufffd\ufffd[31m \ufffd tab\tnew\nline \u{1f600}';
    assert.equal(failure.attributes.message, expected, 'attribute keeps tabs and line breaks');
    assert.ok(failure.text.includes(`a&b<c>/"Dockerfile":1:1: error: ${expected}`));
    assert.equal(xmlEscape('x\r\ny', true), 'x&#13;&#10;y');
  });

  it('a real file with markup in its path', () => {
    write('x&y/<odd>.Dockerfile', 'FROM debian:12\nRUN sudo true\n');
    const r = bulwark(['lint', '--format', 'junit', 'x&y'], { cwd: tmp });
    const suite = kids(parseXml(r.stdout), 'testsuite')[0];
    assert.equal(suite.attributes.name, 'x&y/<odd>.Dockerfile');
  });
});

describe('bulwark lint --format sarif', () => {
  it('is SARIF 2.1.0: one run, the tool with its version, the rules that ran', () => {
    const { log, run, r } = sarif(['project']);
    assert.equal(r.status, 1);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, SARIF_SCHEMA);
    const driver = run.tool.driver;
    assert.equal(driver.name, 'Bulwark');
    assert.equal(driver.version, VERSION);
    assert.equal(driver.semanticVersion, VERSION);
    assert.match(driver.informationUri ?? '', /^https:\/\//);
    assert.deepEqual(
      driver.rules?.map((d) => d.id),
      dockerfileRulesThatRun(),
    );
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.originalUriBaseIds, { [SRCROOT]: { uri: pathToFileURL(FIXTURES).href + '/' } });
    assert.deepEqual(run.invocations, [{ executionSuccessful: true, exitCode: 1 }]);
    // --all-rules: the off-by-default rules are described too.
    assert.deepEqual(
      sarif(['--all-rules', 'project']).run.tool.driver.rules?.map((d) => d.id),
      dockerfileRulesThatRun(true),
    );
  });

  it('describes each rule: names, descriptions, help (text and Markdown), help URI, level, tags, security-severity', () => {
    const { run } = sarif(['--all-rules', 'project']);
    const names = new Set<string>();
    for (const d of run.tool.driver.rules ?? []) {
      const meta = getRule(d.id)!.meta;
      assert.match(d.name ?? '', /^([A-Z][a-z0-9]+)+$/, `${d.id}: a Pascal-case name`);
      assert.notEqual(d.name?.toLowerCase(), d.id.toLowerCase());
      assert.ok(!names.has(d.name!), `${d.name} is unique`);
      names.add(d.name!);
      assert.equal(d.name, pascalName(meta.title));
      assert.equal(d.shortDescription?.text, meta.title);
      assert.ok(d.fullDescription?.text.startsWith(meta.description.trim()));
      for (const part of [meta.rationale, meta.howToFix, ...meta.references.map((x) => x.url), ruleDocUrl(d.id)]) {
        assert.ok(d.help?.text.includes(part), `${d.id} help text has ${part.slice(0, 30)}`);
        assert.ok(d.help?.markdown?.includes(part), `${d.id} help markdown has ${part.slice(0, 30)}`);
      }
      assert.ok(d.help?.markdown?.includes(meta.example.bad.trimEnd()));
      assert.equal(d.helpUri, ruleDocUrl(d.id));
      const on = effectiveSeverity(getRule(d.id)!, { allRules: true });
      assert.equal(d.defaultConfiguration?.level, { error: 'error', warning: 'warning', info: 'note', off: 'none' }[on]);
      const tags = d.properties?.tags ?? [];
      assert.ok(tags.includes(meta.category));
      assert.ok(tags.includes('dockerfile'));
      assert.equal(d.properties?.precision, 'high');
      if (meta.category === 'correctness') {
        assert.ok(!tags.includes('security'));
        assert.equal(d.properties?.['security-severity'], undefined);
      } else {
        assert.ok(tags.includes('security'));
        assert.equal(d.properties?.['security-severity'], { error: '8.0', warning: '5.0', info: '2.0', off: '' }[on]);
      }
    }
  });

  it('has one result per finding: rule id and index, level, message, 1-based region relative to %SRCROOT%', () => {
    const report = json(['project']);
    const { run } = sarif(['project']);
    const findings = report.files.flatMap((f) => f.findings.map((x) => ({ ...x, path: f.path })));
    const results = run.results ?? [];
    assert.equal(results.length, findings.length);
    const level = { error: 'error', warning: 'warning', info: 'note' };
    results.forEach((res, i) => {
      const x = findings[i];
      assert.equal(res.ruleId, x.rule);
      assert.equal(run.tool.driver.rules?.[res.ruleIndex!].id, x.rule);
      assert.equal(res.level, level[x.severity]);
      // A complete sentence (the validator's SARIF2001): the core's message, with a period added if it lacked one.
      assert.ok(res.message.text === x.message || res.message.text === `${x.message}.`, res.message.text);
      const loc = res.locations?.[0].physicalLocation;
      assert.deepEqual(loc?.artifactLocation, { uri: x.path, uriBaseId: SRCROOT });
      assert.deepEqual(loc?.region, { startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn });
      assert.equal((loc?.region as Sarif.Region | undefined)?.snippet, undefined);
      assert.match(res.partialFingerprints?.[FINGERPRINT_KEY] ?? '', /^[0-9a-f]{32}$/);
    });
  });

  it('a clean run: the rules, no results', () => {
    const { run, r } = sarif(['clean']);
    assert.equal(r.status, 0);
    assert.deepEqual(run.results, []);
    assert.equal(run.tool.driver.rules?.length, dockerfileRulesThatRun().length);
  });

  it('unreadable input: executionSuccessful false, the error as a notification', () => {
    const { run, r } = sarif(['clean', 'missing/Dockerfile']);
    assert.equal(r.status, 2);
    const inv = run.invocations?.[0];
    assert.equal(inv?.executionSuccessful, false);
    assert.equal(inv?.exitCode, 2);
    assert.deepEqual(
      inv?.toolExecutionNotifications?.map((n) => [n.level, n.message.text]),
      [['error', 'missing/Dockerfile: cannot read: no such file or directory.']],
    );
  });

  it('columns count UTF-16 code units (an emoji is two)', () => {
    write('utf16/Dockerfile', 'FROM debian:12\nRUN echo "\u{1f600}\u00e9" && sudo true\n');
    const { run } = sarif(['utf16'], { cwd: tmp });
    const res = run.results?.find((x) => x.ruleId === 'no-sudo');
    // `sudo` starts at UTF-16 index 18 (the emoji is a surrogate pair): column 19, not the code-point count's 18.
    const line = 'RUN echo "\u{1f600}\u00e9" && sudo true';
    assert.equal(line.indexOf('sudo'), 18);
    assert.equal(Array.from(line).indexOf('s'), 17);
    assert.deepEqual(res?.locations?.[0].physicalLocation?.region, { startLine: 2, startColumn: 19, endLine: 2, endColumn: 23 });
  });

  it('percent-encodes paths; a file outside the current folder gets an absolute file: URI', () => {
    write('enc/my dir/ü#1/Dockerfile', 'FROM debian:12\nRUN sudo true\n');
    const { run } = sarif(['enc'], { cwd: tmp });
    assert.deepEqual(run.results?.[0].locations?.[0].physicalLocation?.artifactLocation, {
      uri: 'enc/my%20dir/%C3%BC%231/Dockerfile',
      uriBaseId: SRCROOT,
    });
    assert.equal(encodeRelative("a b/(x)!'*"), 'a%20b/%28x%29%21%27%2A');
    const outside = sarif([path.join(tmp, 'utf16', 'Dockerfile')], { cwd: path.join(tmp, 'enc') }).run;
    assert.deepEqual(outside.results?.[0].locations?.[0].physicalLocation?.artifactLocation, {
      uri: pathToFileURL(path.join(tmp, 'utf16', 'Dockerfile')).href,
    });
  });

  it('partial fingerprints survive lines moving, and tell identical lines apart', () => {
    const body = 'RUN sudo apt-get update\nRUN echo hi\nRUN sudo apt-get update\n';
    write('fp/a/Dockerfile', `FROM debian:12\n${body}`);
    write('fp/b/Dockerfile', `FROM debian:12\n# a comment\n\nLABEL x=y\n${body.replace('RUN echo hi', '    RUN echo hello')}`);
    const prints = (dir: string) =>
      (sarif([dir], { cwd: path.join(tmp, 'fp') }).run.results ?? [])
        .filter((x) => x.ruleId === 'no-sudo')
        .map((x) => x.partialFingerprints?.[FINGERPRINT_KEY]);
    // Same path (a/Dockerfile) for both versions: copy b over a's name in another folder.
    const a = prints('a');
    fs.copyFileSync(path.join(tmp, 'fp/b/Dockerfile'), path.join(tmp, 'fp/a/Dockerfile'));
    const b = prints('a');
    assert.equal(a.length, 2);
    assert.notEqual(a[0], a[1], 'two identical lines, two fingerprints');
    assert.deepEqual(b, a, 'moved lines keep their fingerprints');
    // Another file, another fingerprint.
    assert.notDeepEqual(prints('b'), a);
  });

  it('never carries a secret: no snippets, fingerprints and fixes without the value', () => {
    const token = 'ghp_' + 'Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz9Xc8';
    const password = 'S3cr3tPassw0rd!x';
    const text = `FROM debian:12\nENV DB_PASSWORD ${password}\nRUN curl -H "Authorization: token ${token}" https://example.com\n`;
    write('secrets/Dockerfile', text);
    const { r, run } = sarif(['--all-rules', 'secrets'], { cwd: tmp });
    const rules = new Set(run.results?.map((x) => x.ruleId));
    assert.ok(rules.has('secret-in-arg-env') && rules.has('hardcoded-secret') && rules.has('legacy-env-format'), [...rules].join(' '));
    assert.ok(!r.stdout.includes(password), 'the password is nowhere in the log');
    assert.ok(!r.stdout.includes(token) && !r.stdout.includes(token.slice(4, 20)), 'the token is nowhere in the log');
    // legacy-env-format's safe fix rewrites `ENV DB_PASSWORD <value>` as `ENV DB_PASSWORD=<value>`: not in SARIF.
    assert.ok(!run.results?.some((x) => x.ruleId === 'legacy-env-format' && x.fixes));
    // The fingerprint does not depend on the secret (a hash of a short password and a known line can be reversed).
    write('secrets/Dockerfile', text.replace(password, 'other-Passw0rd-value').replace(token, 'ghp_' + 'Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx2'));
    const again = sarif(['--all-rules', 'secrets'], { cwd: tmp }).run;
    const fp = (res: Sarif.Result[] | undefined, id: string) =>
      res?.filter((x) => x.ruleId === id).map((x) => x.partialFingerprints?.[FINGERPRINT_KEY]);
    for (const id of ['secret-in-arg-env', 'hardcoded-secret']) assert.deepEqual(fp(again.results, id), fp(run.results, id), id);
  });

  it('safe fixes as SARIF fixes: applying the replacements gives the core fix', () => {
    const text = 'FROM debian:12\nRUN sudo apt-get update\nMAINTAINER someone\n';
    const abs = write('fixes/Dockerfile', text);
    const { run } = sarif(['fixes'], { cwd: tmp });
    const core = analyze(text, { path: abs, host: { exists: (p) => fs.existsSync(p) } });
    let withFixes = 0;
    for (const res of run.results ?? []) {
      const finding = core.findings.find(
        (x) => x.ruleId === res.ruleId && x.range.start.line + 1 === res.locations?.[0].physicalLocation?.region?.startLine,
      )!;
      const fix = safeFixOf(finding);
      if (!fix || fix.createFiles?.length) {
        assert.equal(res.fixes, undefined, `${res.ruleId}: no safe in-file fix, no SARIF fix`);
        continue;
      }
      withFixes++;
      const change = res.fixes?.[0].artifactChanges[0];
      assert.deepEqual(change?.artifactLocation, res.locations?.[0].physicalLocation?.artifactLocation);
      assert.equal(res.fixes?.[0].description?.text, /[.!?]$/.test(fix.title) ? fix.title : `${fix.title}.`);
      // Apply the replacements (1-based regions, exclusive ends) from last to first.
      const lines = text.split('\n');
      const offset = (l: number, c: number) => lines.slice(0, l - 1).reduce((n, s) => n + s.length + 1, 0) + c - 1;
      let out = text;
      for (const rep of [...(change?.replacements ?? [])].reverse()) {
        const d = rep.deletedRegion;
        out = out.slice(0, offset(d.startLine!, d.startColumn!)) + (rep.insertedContent?.text ?? '') + out.slice(offset(d.endLine!, d.endColumn!));
      }
      assert.equal(out, applyEdits(text, fix.edits), res.ruleId);
    }
    assert.ok(withFixes >= 2, 'sudo and MAINTAINER have safe fixes');
  });

  it('--fix with --format sarif: the remaining problems on stdout, the summary on stderr', () => {
    write('fix-sarif/Dockerfile', 'FROM debian:12\nMAINTAINER someone\n');
    const r = bulwark(['lint', '--fix', '--format', 'sarif', 'fix-sarif'], { cwd: tmp });
    const log = JSON.parse(r.stdout) as Sarif.Log;
    assert.ok(!log.runs[0].results?.some((x) => x.ruleId === 'maintainer-deprecated'));
    assert.match(r.stderr, /^Fixed \d+ problems? in 1 file\.$/m);
  });
});

describe('bulwark lint - (standard input)', () => {
  const text = 'FROM debian:12\nCOPY . /app\nRUN sudo true\n';

  it('reads a Dockerfile named <stdin>; findings as for the same file (no folder: no .dockerignore lookup)', () => {
    const r = bulwark(['lint', '--format', 'json', '-'], { input: text });
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(
      report.files.map((f) => [f.path, f.kind]),
      [['<stdin>', 'dockerfile']],
    );
    const expected = analyze(text).findings.map((x) => x.ruleId);
    assert.deepEqual(
      report.files[0].findings.map((x) => x.rule),
      expected,
    );
    assert.ok(!expected.includes('copy-context-without-dockerignore'));
    const t = bulwark(['lint', '-'], { input: text });
    assert.match(t.stdout, /^<stdin>:3:5\s+error\s/m);
  });

  it('--stdin-filename: the path reported, the folder its .dockerignore is looked up in', () => {
    write('stdin/with/.dockerignore', '.git\n');
    write('stdin/without/keep', '');
    const rules = (name: string) =>
      json(['--stdin-filename', name, '-'], { cwd: tmp, input: text }).files.map((f) => [f.path, f.findings.map((x) => x.rule)]);
    const [[p1, withIgnore]] = rules('stdin/with/Dockerfile');
    const [[p2, withoutIgnore]] = rules('./stdin/without/Dockerfile');
    assert.equal(p1, 'stdin/with/Dockerfile');
    assert.equal(p2, 'stdin/without/Dockerfile');
    assert.ok(!withIgnore.includes('copy-context-without-dockerignore'));
    assert.ok(withoutIgnore.includes('copy-context-without-dockerignore'));
  });

  it('--stdin-filename picks the kind by name', () => {
    const report = json(['--stdin-filename', 'deploy/compose.yaml', '-'], { input: 'services:\n  web:\n    image: nginx\n' });
    assert.deepEqual(
      report.files.map((f) => [f.path, f.kind]),
      [['deploy/compose.yaml', 'compose']],
    );
    const df = json(['--stdin-filename', 'build/steps.txt', '-'], { input: text });
    assert.equal(df.files[0].kind, 'dockerfile');
  });

  it('with other paths: standard input first, then the files', () => {
    const report = json(['clean', '-'], { input: text });
    assert.deepEqual(
      report.files.map((f) => f.path),
      ['<stdin>', 'clean/Dockerfile'],
    );
  });

  it('in SARIF: <stdin> is a relative reference; a --stdin-filename is relative to %SRCROOT%', () => {
    const plain = sarif(['-'], { input: text }).run;
    assert.deepEqual(plain.results?.[0].locations?.[0].physicalLocation?.artifactLocation, { uri: '%3Cstdin%3E' });
    const named = sarif(['--stdin-filename', 'svc/Dockerfile', '-'], { input: text }).run;
    assert.deepEqual(named.results?.[0].locations?.[0].physicalLocation?.artifactLocation, { uri: 'svc/Dockerfile', uriBaseId: SRCROOT });
  });

  it('--fix-dry-run prints the diff of standard input under its name', () => {
    const r = bulwark(['lint', '--fix-dry-run', '--stdin-filename', 'app/Dockerfile', '-'], { input: 'FROM debian:12\nMAINTAINER me\n' });
    assert.match(r.stdout, /^--- a\/app\/Dockerfile$/m);
    assert.match(r.stdout, /^-MAINTAINER me$/m);
  });

  it('binary input: "not a text file", exit 2', () => {
    const r = bulwark(['lint', '-'], { input: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]) });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /<stdin>: not a text file/);
  });

  it('in process: Io.readStdin supplies the bytes; a read error exits 2', async () => {
    let stdout = '';
    let stderr = '';
    const io = (readStdin: () => Promise<Buffer>): Io => ({
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      cwd: FIXTURES,
      env: {},
      stdoutIsTTY: false,
      readStdin,
    });
    assert.equal(await run(['lint', '--format', 'json', '-'], io(async () => Buffer.from('\ufeffFROM debian:12\nRUN sudo true\n'))), 1);
    const sudo = (JSON.parse(stdout) as JsonReport).files[0].findings.find((x) => x.rule === 'no-sudo');
    assert.deepEqual(sudo && [sudo.line, sudo.column], [2, 5], 'a byte-order mark does not shift columns');
    stdout = '';
    const failing = io(async () => {
      throw Object.assign(new Error('boom'), { code: 'EIO' });
    });
    assert.equal(await run(['lint', '-'], failing), 2);
    assert.match(stderr, /<stdin>: cannot read standard input: boom/);
  });
});
