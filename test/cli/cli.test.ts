/**
 * The `bulwark` command as users run it: the BUILT dist/cli.js (and bin/bulwark.js) as a child process.
 * `npm test` builds first. Fixtures: test/fixtures/cli/. Folders git cannot hold (`.git`, `node_modules`,
 * which .gitignore excludes), binary files and symlinks are created in a temporary copy at run time.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../server/cli/main';
import type { Io } from '../../server/cli/main';
import { allRules, analyze, dockerfileRules, initializeCore } from '../../server/core';

function findRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'bulwark') return dir;
    if (path.dirname(dir) === dir) throw new Error('repository root not found');
  }
}

const ROOT = findRoot();
/** The built CLI; `BULWARK_DIST` names another folder holding the bundles (a private build). */
const CLI = process.env.BULWARK_DIST ? path.resolve(process.env.BULWARK_DIST, 'cli.js') : path.join(ROOT, 'dist', 'cli.js');
const BIN = path.join(ROOT, 'bin', 'bulwark.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');
const EXAMPLES = path.join(ROOT, 'examples');
const ANSI = /\x1b\[/;

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  bin?: boolean;
  /** Run as this user (root only): permissions are not enforced for root. */
  uid?: number;
}

function bulwark(args: string[], opts: RunOptions = {}): RunResult {
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
  if (!opts.env || !('NO_COLOR' in opts.env)) delete env.NO_COLOR;
  if (!opts.env || !('FORCE_COLOR' in opts.env)) delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [opts.bin ? BIN : CLI, ...args], {
    cwd: opts.cwd ?? FIXTURES,
    env,
    encoding: 'utf8',
    timeout: 30_000,
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
}
interface JsonFile {
  path: string;
  kind: string;
  findings: JsonFinding[];
}
interface JsonReport {
  version: number;
  files: JsonFile[];
}

function lintJson(args: string[], opts: { cwd?: string } = {}): { report: JsonReport; run: RunResult } {
  const run = bulwark(['lint', '--format', 'json', ...args], opts);
  assert.ok(run.stdout.length > 0, `no JSON on stdout; stderr: ${run.stderr}`);
  return { report: JSON.parse(run.stdout) as JsonReport, run };
}

function file(report: JsonReport, p: string): JsonFile {
  const f = report.files.find((x) => x.path === p);
  assert.ok(f, `${p} not in ${report.files.map((x) => x.path).join(', ')}`);
  return f;
}

/** What the exit code must be for these findings at this --fail-on level. */
function expectedExit(report: JsonReport, failOn: 'error' | 'warning' | 'info'): number {
  const rank = { info: 0, warning: 1, error: 2 } as const;
  return report.files.some((f) => f.findings.some((x) => rank[x.severity as keyof typeof rank] >= rank[failOn])) ? 1 : 0;
}

let tmp: string;
/** A copy of fixtures/cli/project plus node_modules/, .git/, a binary Dockerfile.* and a symlink loop. */
let project: string;

before(async () => {
  await initializeCore();
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-cli-')));
  project = path.join(tmp, 'project');
  fs.cpSync(path.join(FIXTURES, 'project'), project, { recursive: true });
  const sudoFile = 'FROM debian:12\nRUN sudo rm -rf /\n';
  fs.mkdirSync(path.join(project, 'node_modules', 'left-pad'), { recursive: true });
  fs.writeFileSync(path.join(project, 'node_modules', 'left-pad', 'Dockerfile'), sudoFile);
  fs.mkdirSync(path.join(project, 'services', 'api', 'node_modules'), { recursive: true });
  fs.writeFileSync(path.join(project, 'services', 'api', 'node_modules', 'Dockerfile'), sudoFile);
  fs.mkdirSync(path.join(project, '.git', 'hooks'), { recursive: true });
  fs.writeFileSync(path.join(project, '.git', 'Dockerfile'), sudoFile);
  fs.writeFileSync(path.join(project, '.git', 'hooks', 'Dockerfile.sample'), sudoFile);
  try {
    fs.symlinkSync('..', path.join(project, 'legacy', 'loop'), 'dir');
  } catch {
    // no symlinks on this platform/user: the loop test still runs, with nothing to skip
  }
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('bulwark: help, version, usage errors', () => {
  it('--help prints usage on stdout and exits 0', () => {
    const r = bulwark(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: bulwark lint \[options\] \[paths\.\.\.\]/);
    for (const opt of ['--format', '--all-rules', '--fail-on', '--exit-zero', '--no-color', 'Exit codes']) {
      assert.ok(r.stdout.includes(opt), `help mentions ${opt}`);
    }
    assert.equal(r.stderr, '');
  });

  it('lint --help (and help lint) print the lint usage', () => {
    const r = bulwark(['lint', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: bulwark lint/);
    assert.ok(r.stdout.includes('"endLine","endColumn","fixable"'));
    assert.equal(bulwark(['help', 'lint']).stdout, r.stdout);
  });

  it('pin --help (and help pin) print the pin usage', () => {
    const r = bulwark(['pin', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: bulwark pin/);
    assert.equal(bulwark(['help', 'pin']).stdout, r.stdout);
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const r = bulwark(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${version}\n`);
  });

  it('bin/bulwark.js runs the same CLI', () => {
    const viaBin = bulwark(['lint', '--format', 'json', 'project'], { bin: true });
    const viaDist = bulwark(['lint', '--format', 'json', 'project']);
    assert.equal(viaBin.status, viaDist.status);
    assert.equal(viaBin.stdout, viaDist.stdout);
    assert.equal(bulwark(['--version'], { bin: true }).status, 0);
  });

  it('no arguments: usage on stderr, exit 2', () => {
    const r = bulwark([]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Usage: bulwark/);
  });

  it('an unknown option exits 2 and names the option', () => {
    const r = bulwark(['lint', '--bogus', 'clean']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /--bogus/);
  });

  for (const [args, pattern] of [
    [['lint', '--format', 'xml', 'clean'], /invalid --format "xml"/],
    [['lint', '--fail-on', 'fatal', 'clean'], /invalid --fail-on "fatal"/],
    [['lint', '--format'], /--format/],
    [['lnt', 'clean'], /unknown command or path "lnt"/],
    [['rules', 'extra'], /takes no arguments/],
  ] as [string[], RegExp][]) {
    it(`usage error: bulwark ${args.join(' ')}`, () => {
      const r = bulwark(args);
      assert.equal(r.status, 2);
      assert.match(r.stderr, pattern);
      assert.equal(r.stdout, '');
    });
  }
});

describe('bulwark lint: discovery', () => {
  it('walks folders for Dockerfile, *.Dockerfile, Dockerfile.* and Containerfile, sorted', () => {
    const { report, run } = lintJson(['.'], { cwd: project });
    assert.deepEqual(
      report.files.map((f) => f.path),
      ['Dockerfile', 'legacy/Containerfile', 'services/api/api.Dockerfile', 'services/worker/Dockerfile.prod'],
    );
    assert.ok(report.files.every((f) => f.kind === 'dockerfile'));
    assert.equal(run.stderr, '');
  });

  it('skips node_modules and .git, and files not named like Dockerfiles', () => {
    const { report } = lintJson(['.'], { cwd: project });
    for (const f of report.files) assert.doesNotMatch(f.path, /node_modules|\.git\/|build\.sh|notes\.md/);
  });

  it('does not follow symlinked folders (no loop, no duplicates)', () => {
    const { report, run } = lintJson(['legacy'], { cwd: project });
    assert.equal(run.status, 1);
    assert.deepEqual(
      report.files.map((f) => f.path),
      ['legacy/Containerfile'],
    );
  });

  it('lints a symlinked Dockerfile found in a folder', (t) => {
    const dir = path.join(tmp, 'links');
    fs.mkdirSync(dir, { recursive: true });
    try {
      fs.symlinkSync(path.join(project, 'Dockerfile'), path.join(dir, 'Dockerfile'), 'file');
    } catch {
      t.skip('cannot create symlinks here');
      return;
    }
    const { report } = lintJson(['links'], { cwd: tmp });
    assert.deepEqual(
      report.files.map((f) => f.path),
      ['links/Dockerfile'],
    );
  });

  it('defaults to the current folder', () => {
    const a = bulwark(['lint', '--format', 'json'], { cwd: project });
    const b = bulwark(['lint', '--format', 'json', '.'], { cwd: project });
    assert.equal(a.stdout, b.stdout);
    assert.equal(a.status, b.status);
  });

  it('`bulwark <path>` is `bulwark lint <path>`', () => {
    const a = bulwark(['--format', 'json', 'project']);
    const b = bulwark(['lint', '--format', 'json', 'project']);
    assert.equal(a.stdout, b.stdout);
    assert.equal(a.status, b.status);
  });

  it('lints an explicit file whatever its name, path as given relative to cwd', () => {
    const { report, run } = lintJson(['./explicit/build-steps.txt']);
    assert.equal(run.status, 1);
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0].path, 'explicit/build-steps.txt');
    assert.equal(report.files[0].kind, 'dockerfile');
    assert.ok(report.files[0].findings.some((f) => f.rule === 'no-sudo' && f.line === 2 && f.column === 5));
  });

  it('lists a file once when named twice or also found through its folder', () => {
    const { report } = lintJson(['project', 'project/Dockerfile', './project/Dockerfile']);
    const paths = report.files.map((f) => f.path);
    assert.equal(paths.length, new Set(paths).size);
    assert.equal(paths.filter((p) => p === 'project/Dockerfile').length, 1);
  });

  it('prints absolute paths (forward slashes) for files outside the current folder', () => {
    const { report } = lintJson([path.join(project, 'Dockerfile')], { cwd: path.join(project, 'services') });
    assert.equal(report.files[0].path, path.join(project, 'Dockerfile').split(path.sep).join('/'));
    assert.ok(path.isAbsolute(report.files[0].path));
  });

  it('a folder without Dockerfiles: no files, a warning, exit 0', () => {
    const r = bulwark(['lint', '--format', 'json', 'project/scripts']);
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), { version: 1, files: [] });
    assert.match(r.stderr, /project\/scripts: no Dockerfiles or Compose files found/);
  });

  it('walks folders for Compose files too ([docker-]compose.yaml/.yml and variants), linted as Compose', () => {
    const dir = path.join(tmp, 'stack');
    const compose = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
    for (const rel of ['compose.yaml', 'ops/docker-compose.override.yml', 'ops/compose.prod.yaml', 'ops/config.yaml', 'ops/compose.txt']) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), compose);
    }
    const { report, run } = lintJson(['.'], { cwd: dir });
    assert.deepEqual(report.files.map((f) => `${f.path}:${f.kind}`), ['compose.yaml:compose', 'ops/compose.prod.yaml:compose', 'ops/docker-compose.override.yml:compose']);
    for (const f of report.files) assert.ok(f.findings.some((x) => x.rule === 'compose-privileged'), f.path);
    assert.equal(run.status, 1);
    assert.match(bulwark(['--help']).stdout, /Dockerfiles and Docker Compose files/);
  });
});

describe('bulwark lint: unreadable input', () => {
  it('a missing path exits 2 and names it on stderr', () => {
    const r = bulwark(['lint', 'does/not/exist']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /does\/not\/exist: cannot read: no such file or directory/);
  });

  it('a missing path next to good ones: the others are still reported, exit 2', () => {
    const r = bulwark(['lint', '--format', 'json', 'clean', 'missing-Dockerfile', '--exit-zero']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /missing-Dockerfile/);
    assert.deepEqual(
      (JSON.parse(r.stdout) as JsonReport).files.map((f) => f.path),
      ['clean/Dockerfile'],
    );
  });

  it('a binary file named explicitly: "not a text file", exit 2', () => {
    const bin = path.join(tmp, 'binary', 'Dockerfile');
    fs.mkdirSync(path.dirname(bin), { recursive: true });
    fs.writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]));
    const r = bulwark(['lint', 'binary/Dockerfile'], { cwd: tmp });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /binary\/Dockerfile: not a text file/);
  });

  it('a binary file found in a folder is skipped with a warning', () => {
    const dir = path.join(tmp, 'with-binary');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'Dockerfile.bin'), Buffer.from('FROM x\0\0\0'));
    fs.copyFileSync(path.join(FIXTURES, 'clean', 'Dockerfile'), path.join(dir, 'Dockerfile'));
    const { report, run } = lintJson(['with-binary'], { cwd: tmp });
    assert.equal(run.status, 0);
    assert.deepEqual(
      report.files.map((f) => f.path),
      ['with-binary/Dockerfile'],
    );
    assert.match(run.stderr, /warning: with-binary\/Dockerfile\.bin: skipped: not a text file/);
  });

  it('a folder or file that cannot be read exits 2 and names it', (t) => {
    if (process.platform === 'win32') {
      t.skip('no POSIX permissions');
      return;
    }
    // Root reads everything: run the CLI as `nobody` then (tmp must be traversable for it).
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    if (uid !== undefined && bulwark(['--version'], { uid }).status !== 0) {
      t.skip('running as root, and user nobody cannot run the CLI from this checkout');
      return;
    }
    const dir = path.join(tmp, 'locked', 'secret');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(tmp, 'locked', 'Dockerfile'), 'FROM scratch\n');
    fs.chmodSync(tmp, 0o755);
    fs.chmodSync(dir, 0o000);
    fs.chmodSync(path.join(tmp, 'locked', 'Dockerfile'), 0o000);
    try {
      const r = bulwark(['lint', 'locked'], { cwd: tmp, uid });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /locked\/secret: cannot read directory: permission denied/);
      assert.match(r.stderr, /locked\/Dockerfile: cannot read: permission denied/);
      const explicit = bulwark(['lint', '--exit-zero', 'locked/Dockerfile'], { cwd: tmp, uid });
      assert.equal(explicit.status, 2);
      assert.match(explicit.stderr, /locked\/Dockerfile: cannot read: permission denied/);
    } finally {
      fs.chmodSync(dir, 0o755);
      fs.chmodSync(path.join(tmp, 'locked', 'Dockerfile'), 0o644);
      fs.chmodSync(tmp, 0o700);
    }
  });

  it('a byte-order mark and CRLF line ends do not shift positions', () => {
    const dir = path.join(tmp, 'encodings');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'Dockerfile'), '\ufeffFROM debian:12\r\nRUN sudo true\r\n');
    const { report } = lintJson(['encodings/Dockerfile'], { cwd: tmp });
    const sudo = report.files[0].findings.find((f) => f.rule === 'no-sudo');
    assert.deepEqual(sudo && [sudo.line, sudo.column, sudo.endLine, sudo.endColumn], [2, 5, 2, 9]);
  });
});

describe('bulwark lint: a rule that throws', () => {
  it('is a warning on stderr naming the rule and the file; the other rules still report', async () => {
    const rule = dockerfileRules.find((r) => r.meta.id === 'no-sudo');
    assert.ok(rule);
    const original = rule.check;
    rule.check = () => {
      throw new Error('boom');
    };
    let stdout = '';
    let stderr = '';
    const io: Io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: FIXTURES, env: {}, stdoutIsTTY: false };
    try {
      const code = await run(['lint', '--format', 'json', 'project/Dockerfile'], io);
      assert.equal(code, expectedExit(JSON.parse(stdout) as JsonReport, 'error'));
    } finally {
      rule.check = original;
    }
    assert.match(stderr, /^bulwark: warning: project\/Dockerfile: rule "no-sudo" failed and was skipped: Error: boom$/m);
    const report = JSON.parse(stdout) as JsonReport;
    assert.deepEqual(report.files.map((f) => f.path), ['project/Dockerfile']);
    assert.ok(!report.files[0].findings.some((f) => f.rule === 'no-sudo'));
  });
});

describe('bulwark lint --format json', () => {
  it('is the documented contract, on one line', () => {
    const { report, run } = lintJson(['.'], { cwd: project });
    assert.equal(run.stdout.indexOf('\n'), run.stdout.length - 1, 'one line, newline-terminated');
    assert.deepEqual(Object.keys(report), ['version', 'files']);
    assert.equal(report.version, 1);
    for (const f of report.files) {
      assert.deepEqual(Object.keys(f), ['path', 'kind', 'findings']);
      for (const x of f.findings) {
        assert.deepEqual(Object.keys(x), ['rule', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fixable']);
        assert.equal(typeof x.rule, 'string');
        assert.ok(['error', 'warning', 'info'].includes(x.severity));
        assert.ok(x.message.length > 0);
        for (const n of [x.line, x.column, x.endLine, x.endColumn]) assert.ok(Number.isInteger(n) && n >= 1);
        assert.equal(typeof x.fixable, 'boolean');
      }
    }
  });

  it('reports a known finding with 1-based line and column', () => {
    const { report } = lintJson(['.'], { cwd: project });
    const sudo = file(report, 'Dockerfile').findings.filter((f) => f.rule === 'no-sudo');
    assert.equal(sudo.length, 1);
    assert.deepEqual(
      { ...sudo[0], message: undefined, fixable: undefined },
      { rule: 'no-sudo', severity: 'error', message: undefined, line: 2, column: 23, endLine: 2, endColumn: 27, fixable: undefined },
    );
    assert.match(sudo[0].message, /sudo/);
    const prod = file(report, 'services/worker/Dockerfile.prod').findings.find((f) => f.rule === 'no-sudo');
    assert.deepEqual(prod && [prod.line, prod.column], [2, 5]);
  });

  it('matches the core finding for finding (positions +1, fixable = has fixes)', () => {
    const { report } = lintJson(['.'], { cwd: project });
    for (const f of report.files) {
      const abs = path.join(project, f.path);
      const result = analyze(fs.readFileSync(abs, 'utf8'), { path: abs, host: { exists: (p) => fs.existsSync(p) } });
      assert.deepEqual(
        f.findings,
        result.findings.map((x) => ({
          rule: x.ruleId,
          severity: x.severity,
          message: x.message,
          line: x.range.start.line + 1,
          column: x.range.start.character + 1,
          endLine: x.range.end.line + 1,
          endColumn: x.range.end.character + 1,
          fixable: (x.fixes?.length ?? 0) > 0,
        })),
        f.path,
      );
    }
  });

  it('includes files without findings', () => {
    const { report, run } = lintJson(['clean']);
    assert.equal(run.status, 0);
    assert.deepEqual(report, { version: 1, files: [{ path: 'clean/Dockerfile', kind: 'dockerfile', findings: [] }] });
  });
});

describe('bulwark lint: exit codes', () => {
  it('0 when clean', () => {
    assert.equal(bulwark(['lint', 'clean']).status, 0);
  });

  it('1 when a finding is an error', () => {
    assert.equal(bulwark(['lint', 'project']).status, 1);
  });

  it('--exit-zero: 0 despite errors, findings still printed', () => {
    const r = bulwark(['lint', '--exit-zero', 'project']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /\[no-sudo\]/);
  });

  it('--fail-on sets the lowest severity that fails', () => {
    for (const dir of ['clean', 'warnings', 'project', 'all-rules']) {
      const { report } = lintJson([dir]);
      for (const level of ['error', 'warning', 'info'] as const) {
        const r = bulwark(['lint', '--fail-on', level, dir]);
        assert.equal(r.status, expectedExit(report, level), `${dir} --fail-on ${level}`);
      }
    }
  });

  it('--fail-on warning turns a warnings-only file into a failure', () => {
    const { report } = lintJson(['warnings']);
    const rules = report.files[0].findings.map((f) => `${f.rule}@${f.line}:${f.column}/${f.severity}`);
    assert.ok(rules.includes('no-root-user@2:6/warning'), rules.join(' '));
    assert.ok(rules.includes('expose-ssh@4:8/warning'), rules.join(' '));
    assert.ok(!rules.some((r) => r.endsWith('/error')), 'the fixture has warnings only');
    assert.equal(bulwark(['lint', 'warnings']).status, 0);
    assert.equal(bulwark(['lint', '--fail-on', 'warning', 'warnings']).status, 1);
    assert.equal(bulwark(['lint', '--fail-on', 'warning', '--exit-zero', 'warnings']).status, 0);
  });
});

describe('bulwark lint --all-rules', () => {
  const offRules = allRules.filter((r) => r.meta.severity === 'off').map((r) => r.meta.id);

  it('the catalog has rules that are off by default', () => {
    assert.ok(offRules.includes('user-numeric-id'));
    assert.ok(offRules.includes('setuid-bits'));
  });

  it('off-by-default rules report only with --all-rules', () => {
    for (const dir of ['clean', 'warnings', 'project', 'all-rules']) {
      const plain = lintJson([dir]).report;
      const all = lintJson(['--all-rules', dir]).report;
      const plainRules = plain.files.flatMap((f) => f.findings.map((x) => x.rule));
      assert.deepEqual(plainRules.filter((r) => offRules.includes(r)), [], dir);
      // --all-rules only adds findings.
      assert.deepEqual(
        all.files.map((f) => ({ ...f, findings: f.findings.filter((x) => !offRules.includes(x.rule)) })),
        plain.files,
        dir,
      );
    }
  });

  it('--all-rules adds user-numeric-id for `USER app`', () => {
    const plain = lintJson(['all-rules']).report;
    const all = lintJson(['--all-rules', 'all-rules']).report;
    assert.ok(!plain.files[0].findings.some((f) => f.rule === 'user-numeric-id'));
    const f = all.files[0].findings.find((x) => x.rule === 'user-numeric-id');
    assert.ok(f, 'user-numeric-id reported');
    assert.equal(f.line, 5);
    assert.equal(f.column, 6);
  });

  it('`bulwark rules` lists every rule with its default severity', () => {
    const r = bulwark(['rules', '--format', 'json']);
    assert.equal(r.status, 0);
    const listed = JSON.parse(r.stdout) as { version: number; rules: { id: string; severity: string }[] };
    assert.equal(listed.version, 1);
    assert.deepEqual(
      listed.rules.map((x) => [x.id, x.severity]),
      allRules.map((x) => [x.meta.id, x.meta.severity]),
    );
    const text = bulwark(['rules']);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /^user-numeric-id\s+off\s+security/m);
  });
});

describe('bulwark lint --format text', () => {
  it('prints path:line:col  severity  message  [rule], grouped by file, and a summary', () => {
    const r = bulwark(['lint', '.'], { cwd: project });
    assert.equal(r.status, 1);
    const lines = r.stdout.split('\n');
    const sudo = lines.find((l) => l.startsWith('Dockerfile:2:23 ') && l.includes('[no-sudo]'));
    assert.ok(sudo, r.stdout);
    assert.match(sudo, /^Dockerfile:2:23 {2}error {4}\S.*sudo.* {2}\[no-sudo\]$/);
    assert.match(r.stdout, /^services\/worker\/Dockerfile\.prod:2:5\s+error /m);
    assert.match(lines.at(-2) ?? '', /^\d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\) in 4 files$/);
    assert.equal(lines.at(-1), '');
    // Every finding line starts with its file's path; files are separated by a blank line.
    const body = lines.slice(0, -2).filter((l) => l !== '');
    for (const l of body) assert.match(l, /^(Dockerfile|legacy\/Containerfile|services\/\S+):\d+:\d+\s/);
  });

  it('clean: "No problems found in N files."', () => {
    const r = bulwark(['lint', 'clean']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'No problems found in 1 file.\n');
  });

  it('no colour when stdout is not a terminal', () => {
    const r = bulwark(['lint', 'project']);
    assert.doesNotMatch(r.stdout, ANSI);
    assert.doesNotMatch(r.stderr, ANSI);
  });

  it('--color forces colour; --no-color and NO_COLOR turn it off', () => {
    assert.match(bulwark(['lint', '--color', 'project']).stdout, ANSI);
    assert.match(bulwark(['lint', 'project'], { env: { FORCE_COLOR: '1' } }).stdout, ANSI);
    assert.doesNotMatch(bulwark(['lint', 'project'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, ANSI);
    assert.doesNotMatch(bulwark(['lint', '--no-color', 'project'], { env: { FORCE_COLOR: '1' } }).stdout, ANSI);
    assert.equal(bulwark(['lint', '--color', '--no-color', 'project']).status, 2);
  });

  it('json is never coloured', () => {
    assert.doesNotMatch(bulwark(['lint', '--format', 'json', '--color', 'project']).stdout, ANSI);
  });
});

describe('examples/ (what `npm start` lints)', () => {
  it('lints every example, exits 0 with --exit-zero', () => {
    const r = bulwark(['lint', '--format', 'json', '--exit-zero', 'examples'], { cwd: ROOT });
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(
      report.files.map((f) => f.path),
      [
        'examples/go-service/Dockerfile',
        'examples/hardened-node/Dockerfile',
        'examples/java-spring/Dockerfile',
        'examples/nginx-static/Dockerfile',
        'examples/node-app/Dockerfile',
        'examples/python-flask/Dockerfile',
      ],
    );
    assert.equal(r.stderr, '');
    assert.ok(fs.existsSync(path.join(EXAMPLES, 'README.md')));
  });

  it('the hardened example has no error or warning', () => {
    const { report } = lintJson(['examples/hardened-node'], { cwd: ROOT });
    const serious = report.files[0].findings.filter((f) => f.severity !== 'info');
    assert.deepEqual(serious, []);
  });

  // What examples/README.md says each example demonstrates (the rule ids it names).
  const demonstrated: Record<string, string[]> = {
    'node-app': ['image-latest-tag', 'image-not-pinned', 'secret-in-arg-env', 'tls-verification-disabled', 'curl-pipe-shell', 'copy-sensitive-file', 'copy-context-without-dockerignore', 'no-root-user', 'no-healthcheck'],
    'python-flask': ['no-sudo', 'chpasswd', 'pip-extra-index-url', 'tls-verification-disabled', 'secret-in-arg-env', 'hardcoded-secret', 'copy-context-without-dockerignore', 'user-numeric-id'],
    'go-service': ['secret-in-arg-env', 'unsigned-packages', 'tls-verification-disabled', 'no-root-user', 'image-not-pinned', 'copy-context-without-dockerignore', 'no-healthcheck'],
    'nginx-static': ['expose-ssh', 'chpasswd', 'add-instead-of-copy', 'add-remote-unverified', 'chmod-world-writable', 'image-latest-tag', 'no-root-user'],
    'java-spring': ['secret-in-arg-env', 'hardcoded-secret', 'copy-sensitive-file', 'unsigned-packages', 'docker-socket-volume', 'no-root-user', 'no-healthcheck'],
  };
  for (const [name, rules] of Object.entries(demonstrated)) {
    it(`${name} demonstrates what the README says`, () => {
      const { report } = lintJson(['--all-rules', `examples/${name}`], { cwd: ROOT });
      const found = new Set(report.files[0].findings.map((f) => f.rule));
      assert.deepEqual(rules.filter((r) => !found.has(r)), [], `missing in examples/${name}`);
      const readme = fs.readFileSync(path.join(EXAMPLES, 'README.md'), 'utf8');
      const row = readme.split('\n').find((l) => l.startsWith(`| [${name}]`)) ?? '';
      for (const r of rules) assert.ok(row.includes(`\`${r}\``), `README row of ${name} names ${r}`);
    });
  }

  it('the hardened example stays clean with --all-rules', () => {
    const { report } = lintJson(['--all-rules', 'examples/hardened-node'], { cwd: ROOT });
    assert.deepEqual(report.files[0].findings, []);
  });

  it('the python-flask example reports sudo after USER', () => {
    const { report } = lintJson(['examples/python-flask/Dockerfile'], { cwd: ROOT });
    const sudo = report.files[0].findings.find((f) => f.rule === 'no-sudo');
    assert.deepEqual(sudo && [sudo.line, sudo.column, sudo.severity], [23, 5, 'error']);
  });
});
