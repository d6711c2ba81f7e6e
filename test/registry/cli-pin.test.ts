/**
 * `bulwark pin` as users run it (the built dist/cli.js as a child process) against a real registry on 127.0.0.1:
 * Dockerfiles and Compose files pinned in place to exactly the pushed digests, --dry-run printing a diff and writing
 * nothing, --refresh following a moved tag, failures reported with exit code 1, credentials from $DOCKER_CONFIG only.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pushIndex, Pusher, requireRegistryTools, startRegistry, tempDir } from './harness';
import type { RegistryInstance } from './harness';

const CLI = process.env.BULWARK_DIST ? path.resolve(process.env.BULWARK_DIST, 'cli.js') : path.resolve(__dirname, '../../../dist/cli.js');
const TIMEOUT = { timeout: 90_000 };

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI asynchronously (the registry runs in this process's event loop for the token tests). */
function bulwark(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, DOCKER_CONFIG: path.join(cwd, '.no-docker-config'), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

describe('bulwark pin against a real registry', () => {
  let reg: RegistryInstance;
  let pusher: Pusher;
  let app: Awaited<ReturnType<typeof pushIndex>>;
  let db: Awaited<ReturnType<typeof pushIndex>>;

  before(async () => {
    requireRegistryTools();
    reg = await startRegistry();
    pusher = new Pusher(reg.url);
    app = await pushIndex(pusher, 'team/app', '1.0', 'cli-app', 'oci');
    db = await pushIndex(pusher, 'team/db', '16', 'cli-db', 'docker');
  });
  after(async () => reg?.stop());

  function project(): { dir: string; dockerfile: string; compose: string } {
    const dir = tempDir('cli-pin');
    const dockerfile = `# syntax=docker/dockerfile:1\nARG BASE=${reg.host}/team/db:16\nFROM --platform=$BUILDPLATFORM ${reg.host}/team/app:1.0 AS build\nRUN true\nFROM \${BASE}\nCOPY --from=build /x /x\n`;
    const compose = `services:\n  web:\n    image: "${reg.host}/team/app:1.0" # front\n  db:\n    image: \${DB_IMAGE:-${reg.host}/team/db:16}\n  built:\n    build: .\n    image: me/app:dev\n`;
    fs.mkdirSync(path.join(dir, 'svc'));
    fs.writeFileSync(path.join(dir, 'svc', 'Dockerfile'), dockerfile);
    fs.writeFileSync(path.join(dir, 'compose.yaml'), compose);
    return { dir, dockerfile, compose };
  }

  it('--help documents the exit codes', TIMEOUT, async () => {
    const r = await bulwark(['pin', '--help'], tempDir('cli-pin-help'));
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Exit codes:\n  0  every reference is pinned[\s\S]*\n  1  some reference could not be pinned[\s\S]*\n  2  usage error/);
    const bad = await bulwark(['pin', '--timeout', 'soon'], tempDir('cli-pin-usage'));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /invalid --timeout "soon"/);
  });

  it('--dry-run prints the diff and writes nothing', TIMEOUT, async () => {
    const { dir, dockerfile, compose } = project();
    const r = await bulwark(['pin', '--dry-run'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'svc', 'Dockerfile'), 'utf8'), dockerfile);
    assert.equal(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'), compose);
    assert.ok(r.stdout.includes(`--- a/compose.yaml\n+++ b/compose.yaml\n`));
    assert.ok(r.stdout.includes(`-    image: "${reg.host}/team/app:1.0" # front\n+    image: "${reg.host}/team/app:1.0@${app.digest}" # front\n`));
    assert.ok(r.stdout.includes(`+ARG BASE=${reg.host}/team/db:16@${db.digest}\n`));
    assert.match(r.stderr, /^Would pin 4 references in 2 files\.\n$/);
  });

  it('pins Dockerfiles and Compose files in place to exactly the pushed digests', TIMEOUT, async () => {
    const { dir } = project();
    const r = await bulwark(['pin', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      fs.readFileSync(path.join(dir, 'svc', 'Dockerfile'), 'utf8'),
      `# syntax=docker/dockerfile:1\nARG BASE=${reg.host}/team/db:16@${db.digest}\nFROM --platform=$BUILDPLATFORM ${reg.host}/team/app:1.0@${app.digest} AS build\nRUN true\nFROM \${BASE}\nCOPY --from=build /x /x\n`,
    );
    assert.equal(
      fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'),
      `services:\n  web:\n    image: "${reg.host}/team/app:1.0@${app.digest}" # front\n  db:\n    image: \${DB_IMAGE:-${reg.host}/team/db:16@${db.digest}}\n  built:\n    build: .\n    image: me/app:dev\n`,
    );
    assert.ok(r.stdout.includes(`compose.yaml:3: pinned ${reg.host}/team/app:1.0 to ${app.digest}\n`));
    assert.ok(r.stdout.includes(`svc/Dockerfile:2: pinned ${reg.host}/team/db:16 to ${db.digest} (in the ARG default)\n`));
    assert.match(r.stdout, /Pinned 4 references in 2 files\.\n$/);
    // Nothing left to pin: a second run changes nothing.
    const again = await bulwark(['pin'], dir);
    assert.equal(again.status, 0);
    assert.match(again.stdout, /^Pinned 0 references in 0 files\.\n$/);
  });

  it('--refresh re-pins a reference whose tag moved; without it the pinned digest stays', TIMEOUT, async () => {
    const first = await pushIndex(pusher, 'team/rolling', 'stable', 'r1', 'oci');
    const dir = tempDir('cli-pin-refresh');
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, `FROM ${reg.host}/team/rolling:stable@${first.digest}\n`);
    const second = await pushIndex(pusher, 'team/rolling', 'stable', 'r2', 'oci');
    assert.equal((await bulwark(['pin', 'Dockerfile'], dir)).status, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), `FROM ${reg.host}/team/rolling:stable@${first.digest}\n`);
    const r = await bulwark(['pin', '--refresh', 'Dockerfile'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), `FROM ${reg.host}/team/rolling:stable@${second.digest}\n`);
    assert.ok(r.stdout.includes(`Dockerfile:1: refreshed ${reg.host}/team/rolling:stable to ${second.digest}\n`));
  });

  it('reports what it could not pin (exit 1) and pins the rest', TIMEOUT, async () => {
    const dir = tempDir('cli-pin-fail');
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, `ARG V=1.0\nFROM ${reg.host}/team/app:\${V} AS a\nFROM ${reg.host}/team/nope:1 AS b\nFROM ${reg.host}/team/app:1.0\n`);
    const r = await bulwark(['pin', 'Dockerfile'], dir);
    assert.equal(r.status, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), `ARG V=1.0\nFROM ${reg.host}/team/app:\${V} AS a\nFROM ${reg.host}/team/nope:1 AS b\nFROM ${reg.host}/team/app:1.0@${app.digest}\n`);
    assert.match(r.stderr, /Dockerfile:2: cannot pin .*team\/app:1\.0: .*assembled from `V`/);
    assert.match(r.stderr, /Dockerfile:3: cannot pin .*team\/nope:1: .*was not found/);
    assert.match(r.stdout, /Pinned 1 reference in 1 file; 2 references could not be pinned\.\n$/);
  });
});

describe('bulwark pin with a basic-auth registry', () => {
  let reg: RegistryInstance;
  let digest: string;
  before(async () => {
    requireRegistryTools();
    reg = await startRegistry({ htpasswd: { user: 'bob', password: 'pw-for-bob' } });
    digest = (await pushIndex(new Pusher(reg.url, async () => `Basic ${basic('bob', 'pw-for-bob')}`), 'corp/base', '1', 'cli-auth')).digest;
  });
  after(async () => reg?.stop());

  it('uses the credentials of $DOCKER_CONFIG, and fails cleanly (exit 1, file untouched) without them', TIMEOUT, async () => {
    const dir = tempDir('cli-pin-auth');
    const compose = path.join(dir, 'compose.yaml');
    const text = `services:\n  app:\n    image: ${reg.host}/corp/base:1\n`;
    fs.writeFileSync(compose, text);
    const without = await bulwark(['pin'], dir);
    assert.equal(without.status, 1);
    assert.match(without.stderr, /compose\.yaml:3: cannot pin .*corp\/base:1: Registry .* requires credentials .*docker login/);
    assert.equal(fs.readFileSync(compose, 'utf8'), text);
    const config = tempDir('cli-pin-dockercfg');
    fs.writeFileSync(path.join(config, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: basic('bob', 'pw-for-bob') } } }));
    const withCreds = await bulwark(['pin'], dir, { DOCKER_CONFIG: config });
    assert.equal(withCreds.status, 0, withCreds.stderr);
    assert.equal(fs.readFileSync(compose, 'utf8'), `services:\n  app:\n    image: ${reg.host}/corp/base:1@${digest}\n`);
    assert.doesNotMatch(withCreds.stdout + withCreds.stderr, /pw-for-bob/);
  });
});
