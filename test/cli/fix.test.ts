/**
 * `bulwark lint --fix` and `--fix-dry-run`, run as users run them (the BUILT dist/cli.js as a child process; set
 * BULWARK_DIST to test a private build), on temporary copies: the rewrite is exactly the core's fixAll, idempotent,
 * byte-faithful (BOM, CRLF), never touches unchanged files, creates missing files only; the dry run writes nothing and
 * prints an applicable diff; exit codes are for what remains.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyze, fixAll, initializeCore } from '../../server/core';
import type { AnalyzeOptions } from '../../server/core';

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

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function bulwark(args: string[], cwd: string, uid?: number): RunResult {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
    ...(uid !== undefined ? { uid, gid: uid } : {}),
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const host = { exists: (p: string) => fs.existsSync(p) };
const options = (abs: string): AnalyzeOptions => ({ path: abs, host });

/** The files of a tree (relative path → bytes), to compare before and after. */
function snapshot(dir: string): Map<string, { bytes: Buffer; mtimeMs: number }> {
  const out = new Map<string, { bytes: Buffer; mtimeMs: number }>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(dir, full).split(path.sep).join('/'), { bytes: fs.readFileSync(full), mtimeMs: fs.statSync(full).mtimeMs });
    }
  };
  walk(dir);
  return out;
}

/** Text of a file as the CLI analyses it (BOM stripped). */
function textOf(file: string): string {
  const t = fs.readFileSync(file, 'utf8');
  return t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
}

const FILES: Record<string, string | Buffer> = {
  // Real rules with safe fixes: sudo, MAINTAINER, ADD of a local file, COPY of several files to a folder without '/'.
  'mixed/Dockerfile':
    'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nADD config.json /etc/app/\nCOPY a.txt b.txt /data\n' +
    'RUN sudo apk add --no-cache curl\nUSER 1000\nHEALTHCHECK NONE\n',
  // A byte-order mark and CRLF line endings, kept byte for byte.
  'bom-crlf/Dockerfile': '\ufeffFROM alpine:3.20\r\nRUN sudo ls \\\r\n  && sudo id\r\nUSER 1000\r\nHEALTHCHECK NONE\r\n',
  // Nothing safe to fix: never rewritten.
  'unfixable/Dockerfile': 'FROM alpine:3.20\nUSER root\nCMD ["sh"]\n',
  // A safe fix that creates a file beside the Dockerfile.
  'context/Dockerfile': 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\nHEALTHCHECK NONE\n',
  // Latin-1 bytes in a comment (not UTF-8) and a fixable finding: rewriting would alter those bytes.
  'latin1/Dockerfile': Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nFROM alpine:3.20\nRUN sudo ls\nUSER 1000\n')]),
};

let tmp: string;
let base: string;
before(async () => {
  await initializeCore();
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-fix-')));
  base = path.join(tmp, 'base');
  fs.cpSync(path.join(FIXTURES, 'project'), path.join(base, 'project'), { recursive: true });
  for (const [rel, content] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
    fs.writeFileSync(path.join(base, rel), content);
  }
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

let copies = 0;
/** A fresh copy of the base tree. */
function copy(): string {
  const dir = path.join(tmp, `run-${++copies}`);
  fs.cpSync(base, dir, { recursive: true });
  return dir;
}

/** Dockerfiles of the base tree that the CLI lints (all but the invalid-UTF-8 one are fixed). */
function dockerfiles(dir: string): string[] {
  return [...snapshot(dir).keys()].filter((p) => /(^|\/)(Dockerfile|Containerfile)[^/]*$|\.Dockerfile$/.test(p));
}

describe('bulwark lint --fix', () => {
  it('rewrites each file exactly as the core fixAll does, BOM kept, and reports what remains', () => {
    const dir = copy();
    const originals = new Map(dockerfiles(dir).map((p) => [p, textOf(path.join(dir, p))]));
    const expected = new Map(
      [...originals].map(([p, text]) => [p, p.startsWith('latin1/') ? text : fixAll(text, options(path.join(dir, p))).text]),
    );
    const r = bulwark(['lint', '--fix', '.'], dir);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    for (const [p, text] of expected) assert.equal(textOf(path.join(dir, p)), text, p);
    assert.ok(fs.readFileSync(path.join(dir, 'bom-crlf/Dockerfile')).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'BOM kept');
    const crlf = fs.readFileSync(path.join(dir, 'bom-crlf/Dockerfile'), 'utf8');
    assert.match(crlf, /^\ufeffFROM alpine:3\.20\r\nRUN ls \\\r\n {2}&& id\r\n/);
    assert.doesNotMatch(crlf, /[^\r]\n/, 'CRLF kept');
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'mixed/Dockerfile'), 'utf8'), /sudo|^ADD config/m);
    // The output is the report of what remains, then "Fixed N problems in F files."
    const fixedFiles = [...originals].filter(([p, text]) => {
      if (p.startsWith('latin1/')) return false;
      const result = fixAll(text, options(path.join(base, p)));
      return result.text !== text || result.createFiles.some((f) => !fs.existsSync(f.path));
    }).length;
    assert.ok(fixedFiles >= 4);
    let before = 0;
    let remaining = 0;
    for (const [p, text] of originals) {
      before += analyze(text, options(path.join(base, p))).findings.length;
      const findings = analyze(textOf(path.join(dir, p)), options(path.join(dir, p))).findings;
      remaining += findings.length;
      for (const f of findings) assert.ok(r.stdout.includes(`${p}:${f.range.start.line + 1}:${f.range.start.character + 1} `), `${p}: ${f.ruleId} reported`);
    }
    assert.match(r.stdout, /^\d+ problems? \(.*\) in \d+ files\n(Created .*\n)*Fixed \d+ problems in \d+ files\.\n$/m);
    assert.equal(r.stdout.trimEnd().split('\n').at(-1), `Fixed ${before - remaining} problems in ${fixedFiles} files.`);
  });

  it('a second run changes nothing and touches no file', () => {
    const dir = copy();
    bulwark(['lint', '--fix', '.'], dir);
    const first = snapshot(dir);
    const r = bulwark(['lint', '--fix', '.'], dir);
    assert.match(r.stdout, /^Fixed 0 problems in 0 files\.$/m);
    const second = snapshot(dir);
    assert.deepEqual([...second.keys()], [...first.keys()]);
    for (const [p, f] of first) {
      assert.ok(second.get(p)!.bytes.equals(f.bytes), `${p} unchanged`);
      assert.equal(second.get(p)!.mtimeMs, f.mtimeMs, `${p} not rewritten`);
    }
  });

  it('never rewrites a file with nothing to fix', () => {
    const dir = copy();
    const target = path.join(dir, 'unfixable/Dockerfile');
    const old = new Date('2001-02-03T04:05:06Z');
    fs.utimesSync(target, old, old);
    const r = bulwark(['lint', '--fix', 'unfixable'], dir);
    assert.equal(fs.statSync(target).mtimeMs, old.getTime());
    assert.match(r.stdout, /Fixed 0 problems in 0 files\./);
  });

  it('creates the files a fix adds, only when missing, and says so', () => {
    const dir = copy();
    const dockerfile = path.join(dir, 'context/Dockerfile');
    const expected = fixAll(textOf(dockerfile), options(dockerfile)).createFiles;
    assert.ok(expected.length > 0, 'a safe fix creates a file for `COPY . .` without a .dockerignore');
    const r = bulwark(['lint', '--fix', 'context'], dir);
    for (const file of expected) {
      assert.equal(fs.readFileSync(file.path, 'utf8'), file.content);
      assert.match(r.stdout, new RegExp(`^Created ${path.relative(dir, file.path).replace(/\./g, '\\.')}$`, 'm'));
    }
    assert.match(r.stdout, /Fixed [1-9]\d* problems? in 1 file\./);
    // The finding is gone now that the file exists.
    const rule = analyze(FILES['context/Dockerfile'] as string, options(path.join(tmp, 'elsewhere', 'Dockerfile'))).findings.find((f) => f.fixes?.some((x) => x.createFiles));
    assert.ok(rule);
    assert.doesNotMatch(r.stdout, new RegExp(`\\[${rule.ruleId}\\]`));
    // An existing file is never overwritten (and the rule no longer asks for it).
    fs.writeFileSync(expected[0].path, 'mine\n');
    bulwark(['lint', '--fix', 'context'], dir);
    assert.equal(fs.readFileSync(expected[0].path, 'utf8'), 'mine\n');
  });

  it('two Dockerfiles asking for the same file: created once, in the dry run too', () => {
    const dir = copy();
    fs.copyFileSync(path.join(dir, 'context/Dockerfile'), path.join(dir, 'context/api.Dockerfile'));
    const dry = bulwark(['lint', '--fix-dry-run', 'context'], dir);
    assert.equal(dry.stdout.match(/^\+\+\+ b\/context\/\.dockerignore$/gm)?.length, 1, dry.stdout);
    assert.equal(fs.existsSync(path.join(dir, 'context/.dockerignore')), false);
    const r = bulwark(['lint', '--fix', 'context'], dir);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.match(/^Created /gm)?.length, 1);
    assert.equal(/Would fix (.*)\./.exec(dry.stderr)?.[1], /Fixed (.*)\./.exec(r.stdout)?.[1]);
  });

  it('leaves a file that is not valid UTF-8 alone, with a warning', () => {
    const dir = copy();
    const r = bulwark(['lint', '--fix', 'latin1'], dir);
    assert.ok(fs.readFileSync(path.join(dir, 'latin1/Dockerfile')).equals(FILES['latin1/Dockerfile'] as Buffer));
    assert.match(r.stderr, /latin1\/Dockerfile: not fixed: the file is not valid UTF-8/);
    assert.match(r.stdout, /\[no-sudo\]/);
    assert.match(r.stdout, /Fixed 0 problems in 0 files\./);
  });

  it('exit code is for what remains', () => {
    const dir = copy();
    const file = path.join(dir, 'mixed/Dockerfile');
    assert.equal(bulwark(['lint', 'mixed'], dir).status, 1, 'sudo is an error before fixing');
    const r = bulwark(['lint', '--fix', 'mixed'], dir);
    const remaining = analyze(textOf(file), options(file)).findings;
    assert.equal(r.status, remaining.some((f) => f.severity === 'error') ? 1 : 0, r.stdout);
    assert.ok(!remaining.some((f) => f.ruleId === 'no-sudo'));
    assert.equal(bulwark(['lint', '--fix', '--fail-on', 'info', 'mixed'], dir).status, remaining.length ? 1 : 0);
    assert.equal(bulwark(['lint', '--fix', '--exit-zero', 'project'], dir).status, 0);
  });

  it('--format json: each file has the remaining findings, "fixed" and "created"', () => {
    const dir = copy();
    const before = new Map(dockerfiles(dir).map((p) => [p, analyze(textOf(path.join(dir, p)), options(path.join(dir, p))).findings.length]));
    const r = bulwark(['lint', '--fix', '--format', 'json', '.'], dir);
    const report = JSON.parse(r.stdout) as { files: { path: string; findings: { rule: string }[]; fixed: number; created: string[] }[] };
    assert.equal(r.stdout.indexOf('\n'), r.stdout.length - 1);
    for (const f of report.files) {
      assert.deepEqual(Object.keys(f), ['path', 'kind', 'findings', 'fixed', 'created']);
      const abs = path.join(dir, f.path);
      assert.deepEqual(f.findings.map((x) => x.rule), analyze(textOf(abs), options(abs)).findings.map((x) => x.ruleId));
      assert.equal(f.fixed, before.get(f.path)! - f.findings.length, f.path);
    }
    assert.deepEqual(report.files.find((f) => f.path === 'context/Dockerfile')?.created, ['context/.dockerignore']);
  });

  it('a file that cannot be written: exit 2, named on stderr', (t) => {
    if (process.platform === 'win32') {
      t.skip('no POSIX permissions');
      return;
    }
    const dir = copy();
    const file = path.join(dir, 'mixed/Dockerfile');
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    if (uid !== undefined && bulwark(['--version'], dir, uid).status !== 0) {
      t.skip('running as root, and user nobody cannot run the CLI from this checkout');
      return;
    }
    fs.chmodSync(tmp, 0o755);
    for (let d = path.dirname(file); d.startsWith(tmp); d = path.dirname(d)) fs.chmodSync(d, 0o755);
    fs.chmodSync(file, 0o444);
    try {
      const r = bulwark(['lint', '--fix', 'mixed'], dir, uid);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /mixed\/Dockerfile: cannot write the fixes: permission denied/);
      assert.equal(fs.readFileSync(file, 'utf8'), FILES['mixed/Dockerfile']);
      assert.match(r.stdout, /\[no-sudo\]/, 'the unfixed findings are reported');
    } finally {
      fs.chmodSync(file, 0o644);
      fs.chmodSync(tmp, 0o700);
    }
  });

  it('--fix with --fix-dry-run is a usage error', () => {
    const r = bulwark(['lint', '--fix', '--fix-dry-run', '.'], copy());
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--fix and --fix-dry-run cannot be used together/);
  });

  it('lint --help documents both options', () => {
    const r = bulwark(['lint', '--help'], tmp);
    assert.match(r.stdout, /--fix {2,}/);
    assert.match(r.stdout, /--fix-dry-run/);
  });
});

describe('bulwark lint --fix-dry-run', () => {
  it('writes nothing and prints a unified diff that, applied, gives what --fix writes', (t) => {
    const dir = copy();
    const beforeFiles = snapshot(dir);
    const r = bulwark(['lint', '--fix-dry-run', '.'], dir);
    const afterFiles = snapshot(dir);
    assert.deepEqual([...afterFiles.keys()], [...beforeFiles.keys()], 'no file created');
    for (const [p, f] of beforeFiles) {
      assert.ok(afterFiles.get(p)!.bytes.equals(f.bytes), `${p} unchanged`);
      assert.equal(afterFiles.get(p)!.mtimeMs, f.mtimeMs);
    }
    assert.match(r.stdout, /^--- a\/mixed\/Dockerfile\n\+\+\+ b\/mixed\/Dockerfile\n@@ /m);
    assert.match(r.stdout, /^-RUN sudo apk add --no-cache curl$/m);
    assert.match(r.stdout, /^\+RUN apk add --no-cache curl$/m);
    assert.match(r.stdout, /^--- \/dev\/null\n\+\+\+ b\/context\/\.dockerignore\n/m);
    assert.doesNotMatch(r.stdout, /unfixable|latin1/);
    assert.match(r.stderr, /^Would fix \d+ problems in \d+ files\.$/m);

    // Applied with patch(1), the diff gives exactly what --fix writes.
    const fixed = copy();
    bulwark(['lint', '--fix', '.'], fixed);
    const p = spawnSync('patch', ['-p1', '--binary', '--quiet'], { cwd: dir, input: r.stdout, encoding: 'utf8' });
    if (p.error) {
      t.skip('patch(1) is not installed');
      return;
    }
    assert.equal(p.status, 0, p.stderr + p.stdout);
    const patched = snapshot(dir);
    const written = snapshot(fixed);
    assert.deepEqual([...patched.keys()].sort(), [...written.keys()].sort());
    for (const [file, f] of written) assert.ok(patched.get(file)!.bytes.equals(f.bytes), `${file}: patched = fixed`);
  });

  it('exit code is what --fix would leave; "Would fix" matches what --fix fixes', () => {
    const dir = copy();
    const dry = bulwark(['lint', '--fix-dry-run', '.'], dir);
    const real = bulwark(['lint', '--fix', '.'], dir);
    assert.equal(dry.status, real.status);
    const n = (s: string) => /(?:Would fix|Fixed) (\d+ problems? in \d+ files?)\./.exec(s)?.[1];
    assert.equal(n(dry.stderr), n(real.stdout));
  });

  it('nothing to fix: no diff at all', () => {
    const r = bulwark(['lint', '--fix-dry-run', 'unfixable'], copy());
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Would fix 0 problems in 0 files\./);
  });

  it('--format json: "diff" per file, nothing written', () => {
    const dir = copy();
    const r = bulwark(['lint', '--fix-dry-run', '--format', 'json', 'mixed', 'unfixable'], dir);
    const report = JSON.parse(r.stdout) as { files: { path: string; diff: string; fixed: number }[] };
    const mixed = report.files.find((f) => f.path === 'mixed/Dockerfile')!;
    assert.match(mixed.diff, /^--- a\/mixed\/Dockerfile\n/);
    assert.ok(mixed.fixed > 0);
    assert.equal(report.files.find((f) => f.path === 'unfixable/Dockerfile')!.diff, '');
    assert.equal(fs.readFileSync(path.join(dir, 'mixed/Dockerfile'), 'utf8'), FILES['mixed/Dockerfile']);
  });

  it('colours the diff only on request', () => {
    assert.doesNotMatch(bulwark(['lint', '--fix-dry-run', 'mixed'], copy()).stdout, /\x1b\[/);
    assert.match(bulwark(['lint', '--fix-dry-run', '--color', 'mixed'], copy()).stdout, /\x1b\[31m-RUN sudo/);
  });
});
