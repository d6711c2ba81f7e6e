/**
 * The editor and browser of the real-editor tests: code-server (VS Code 1.100.3 with a Node extension host,
 * installed by scripts/e2e/install.sh into .e2e/code-server) driven by Debian's Chromium through playwright-core.
 * Everything here is bounded in time and writes only below the scratch folder it is given.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CODE_SERVER = path.join(ROOT, '.e2e', 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.BULWARK_CHROMIUM || '/usr/bin/chromium';

/** User settings for every editor the tests start: no welcome page, tips, telemetry or update checks. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.colorTheme': 'Default Light Modern',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'files.autoSave': 'off',
  // The test machine has no network: registry look-ups (digest pinning, image hovers) are off, so their quick fixes are
  // offered disabled with the reason. Pinning itself is tested over the protocol against a real registry (test/registry).
  'bulwark.registry.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 200,
  'editor.lightbulb.enabled': 'on',
  'window.restoreWindows': 'none',
};

export function log(message: string): void {
  console.log(`e2e: ${message}`);
}

export function rmrf(p: string): void {
  fs.rmSync(p, { recursive: true, force: true });
}

export function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

/** Rejects with `message` after `ms` unless `promise` settles first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} (timed out after ${Math.round(ms / 1000)} s)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

/** A private profile below `dir`: home, XDG folders, VS Code user data and extensions. */
export interface Profile {
  dir: string;
  userDataDir: string;
  extensionsDir: string;
  env: NodeJS.ProcessEnv;
}

export function makeProfile(dir: string): Profile {
  const home = path.join(dir, 'home');
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  for (const d of [home, path.join(userDataDir, 'User'), extensionsDir]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    TMPDIR: path.join(dir, 'tmp'),
  };
  fs.mkdirSync(env.TMPDIR!, { recursive: true });
  // The coding environment's VS Code variables would make code-server think it runs inside another editor.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  return { dir, userDataDir, extensionsDir, env };
}

function codeServerArgs(profile: Profile): string[] {
  return [
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir,
  ];
}

/** `code-server --install-extension <vsix>` into the profile; returns what `--list-extensions` then shows. */
export function installVsix(profile: Profile, vsix: string): string[] {
  const run = (args: string[]) => {
    const r = spawnSync(CODE_SERVER, [...codeServerArgs(profile), ...args], { env: profile.env, encoding: 'utf8', timeout: 120_000 });
    if (r.error || r.status !== 0) {
      throw new Error(`code-server ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}\n${r.stderr}`);
    }
    return r.stdout;
  };
  run(['--force', '--install-extension', vsix]);
  return run(['--list-extensions', '--show-versions']).split('\n').map((l) => l.trim()).filter((l) => /^[\w-]+\.[\w-]+@/.test(l));
}

export interface CodeServer {
  url: string;
  port: number;
  logFile: string;
  stop(): Promise<void>;
}

/** Starts code-server on a free loopback port and waits for /healthz (bounded). */
export async function startCodeServer(profile: Profile, workspace: string): Promise<CodeServer> {
  if (!fs.existsSync(CODE_SERVER)) throw new Error('code-server is not installed: run `bash scripts/e2e/install.sh`');
  const port = await freePort();
  const logFile = path.join(profile.dir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(CODE_SERVER, ['--bind-addr', `127.0.0.1:${port}`, ...codeServerArgs(profile), workspace], {
    env: profile.env,
    stdio: ['ignore', out, out],
    detached: true, // its own process group, so that stop() ends its helpers too
  });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await withTimeout(exit, 10_000, 'code-server to stop').catch(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited at start; see ${logFile}:\n${tail(logFile, 20)}`);
    if ((await get(`${url}/healthz`)) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 60 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port, logFile, stop };
}

/** Headless Debian Chromium with a fresh profile (flags from ../shared/notes/real-editor-tests.md). */
export async function launchBrowser(profileDir: string): Promise<BrowserContext> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run \`bash scripts/e2e/install.sh\` or set BULWARK_CHROMIUM`);
  fs.mkdirSync(profileDir, { recursive: true });
  return withTimeout(
    chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      timeout: 60_000,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    }),
    90_000,
    'Chromium to start',
  );
}

export function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Every log file below `dir` (VS Code writes the extension host's and the output channels' logs there). */
export function findLogs(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.log')) found.push(p);
    }
  };
  walk(dir);
  return found.sort();
}

/**
 * After a failure: copies the editor's logs into `failureDir` and prints the end of the extension host's log and of
 * Bulwark's output channel, so that CI's output alone is enough to diagnose.
 */
export function saveLogs(profile: Profile, failureDir: string, ...extra: (string | undefined)[]): void {
  fs.mkdirSync(failureDir, { recursive: true });
  const logs = findLogs(path.join(profile.userDataDir, 'logs'));
  for (const f of extra) if (f && fs.existsSync(f)) logs.push(f);
  for (const f of logs) {
    const rel = path.relative(profile.dir, f).split(path.sep).join('__');
    fs.copyFileSync(f, path.join(failureDir, rel));
  }
  for (const f of logs.filter((l) => /exthost|Bulwark|bulwark|code-server\.log$|workbench-console/.test(path.basename(l)))) {
    console.log(`---- ${path.relative(ROOT, f)} (last lines) ----\n${tail(f, 30)}`);
  }
  log(`logs saved in ${path.relative(ROOT, failureDir)}/`);
}
