/**
 * `npm run test:e2e`: Bulwark in a real VS Code on this machine (code-server + Debian Chromium + playwright-core).
 *
 *  1. The extension-host suite (test/e2e/suite, mocha, public `vscode` API only) runs inside code-server's Node
 *     extension host with Bulwark loaded from this folder (extensionDevelopmentPath), on a scratch copy of the
 *     fixture workspace test/e2e/workspace.
 *  2. The UI check (test/e2e/ui/ui-check.ts) installs the packaged bulwark-<version>.vsix into a fresh code-server,
 *     opens the fixture Dockerfile in the browser page and looks at squiggles, the Problems panel, the hover and
 *     the light bulb, saving a screenshot of each step.
 *
 * Prerequisites (npm run test:e2e does them): npm run build, npm run compile-tests, npm run package,
 * bash scripts/e2e/install.sh.
 *
 * Options: --suite-only, --ui-only, --update-screenshots (write the UI check's screenshots to docs/screenshots/ for
 * the README instead of .e2e/screenshots/), --vsix <file>. Environment: BULWARK_E2E_GREP (suite test filter),
 * BULWARK_CHROMIUM (browser binary). Everything it writes goes to .e2e/run/ (fresh each run); after a failure a
 * screenshot and the editor's logs are in .e2e/failures/ and the ends of the logs are printed.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { UI_STEPS, UiContext } from '../../test/e2e/ui/ui-check';
import {
  CODE_SERVER,
  CodeServer,
  Profile,
  ROOT,
  copyDir,
  installVsix,
  launchBrowser,
  log,
  makeProfile,
  rmrf,
  saveLogs,
  startCodeServer,
  withTimeout,
} from './editor';

const FIXTURE = path.join(ROOT, 'test', 'e2e', 'workspace');
// Beside this file's compiled output (out/scripts/e2e/run.js -> out/test/e2e/suite/index.js).
const SUITE_INDEX = path.join(__dirname, '..', '..', 'test', 'e2e', 'suite', 'index.js');
const RUN_DIR = path.join(ROOT, '.e2e', 'run');
const FAILURE_DIR = path.join(ROOT, '.e2e', 'failures');
const SUMMARY_PREFIX = 'bulwark-e2e-summary ';
/** Starts every line the suite prints (BULWARK_E2E_MARK). */
const MARK = '[bulwark-e2e] ';
/** The whole run is stopped after this, whatever hangs. */
const RUN_TIMEOUT_MS = 15 * 60_000;
const SUITE_TIMEOUT_MS = 5 * 60_000;

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

const cleanups: (() => Promise<void>)[] = [];

async function cleanup(): Promise<void> {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
}

function args(): { suite: boolean; ui: boolean; updateScreenshots: boolean; vsix?: string } {
  const argv = process.argv.slice(2);
  const vsixAt = argv.indexOf('--vsix');
  return {
    suite: !argv.includes('--ui-only'),
    ui: !argv.includes('--suite-only'),
    updateScreenshots: argv.includes('--update-screenshots'),
    vsix: vsixAt >= 0 ? path.resolve(argv[vsixAt + 1]) : undefined,
  };
}

function requireFile(file: string, how: string): void {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: ${how}`);
}

async function failureScreenshot(page: Page | undefined, name: string): Promise<void> {
  if (!page) return;
  fs.mkdirSync(FAILURE_DIR, { recursive: true });
  const file = path.join(FAILURE_DIR, `${name}.png`);
  await page.screenshot({ path: file, timeout: 15_000 }).then(
    () => log(`screenshot of the failure: ${path.relative(ROOT, file)}`),
    (e: Error) => log(`could not take a screenshot: ${e.message}`),
  );
}

async function startEditor(profile: Profile, workspace: string): Promise<{ cs: CodeServer; browser: BrowserContext; page: Page }> {
  const cs = await startCodeServer(profile, workspace);
  cleanups.push(cs.stop);
  const browser = await launchBrowser(path.join(profile.dir, 'chromium'));
  cleanups.push(() => withTimeout(browser.close(), 15_000, 'Chromium to close'));
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(30_000);
  return { cs, browser, page };
}

// ---- 1. The extension-host suite ----------------------------------------------------------------------------------

async function runSuite(): Promise<Tally> {
  requireFile(SUITE_INDEX, 'run `npm run compile-tests`');
  const dir = path.join(RUN_DIR, 'suite');
  const profile = makeProfile(dir);
  profile.env.BULWARK_E2E_MARK = MARK;
  const workspace = path.join(dir, 'workspace');
  copyDir(FIXTURE, workspace);
  log('extension-host suite: starting code-server with Bulwark from this folder');
  const { cs, page } = await startEditor(profile, workspace);

  let summary: { passes: number; failures: number; pending: number } | undefined;
  let exit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (exit = resolve));
  // The suite's lines carry MARK (see test/e2e/suite/index.ts); the workbench's own log goes to a file.
  const consoleLog = path.join(dir, 'workbench-console.log');
  await page.exposeFunction('codeAutomationLog', (type: string, message: unknown) => {
    // The workbench forwards console calls as JSON arrays of console.log arguments (format string first).
    let text = typeof message === 'string' ? message : JSON.stringify(message);
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) text = format(...parsed);
    } catch {
      /* plain text */
    }
    if (!text.startsWith(MARK)) {
      fs.appendFileSync(consoleLog, `[${type}] ${text}\n`);
      return;
    }
    text = text.slice(MARK.length);
    if (text.startsWith(SUMMARY_PREFIX)) summary = JSON.parse(text.slice(SUMMARY_PREFIX.length));
    else console.log(text);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));

  const authority = `vscode-remote://127.0.0.1:${cs.port}`;
  const payload = [
    ['extensionDevelopmentPath', `${authority}${ROOT}`],
    ['extensionTestsPath', `${authority}${SUITE_INDEX}`],
    ['skipWelcome', 'true'],
  ];
  const started = Date.now();
  try {
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, {
      timeout: 60_000,
    });
    const code = await withTimeout(exited, SUITE_TIMEOUT_MS, 'the extension-host suite to finish');
    log(`extension-host suite: exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (!summary) throw new Error('the suite ended without its summary line (did it load?)');
    if (code !== 0 || summary.failures > 0) {
      await failureScreenshot(page, 'suite');
      saveLogs(profile, path.join(FAILURE_DIR, 'suite-logs'), cs.logFile, consoleLog);
    }
    return { passed: summary.passes, failed: summary.failures || (code !== 0 ? 1 : 0), skipped: summary.pending };
  } catch (e) {
    console.error(`e2e: extension-host suite: ${(e as Error).message}`);
    await failureScreenshot(page, 'suite');
    saveLogs(profile, path.join(FAILURE_DIR, 'suite-logs'), cs.logFile, consoleLog);
    return { passed: summary?.passes ?? 0, failed: Math.max(1, summary?.failures ?? 0), skipped: 0 };
  } finally {
    await cleanup();
  }
}

// ---- 2. The UI check on the installed .vsix ------------------------------------------------------------------------

function cliFindings(file: string): UiContext['expected'] {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', '--exit-zero', file], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  const report = JSON.parse(out) as { files: { findings: UiContext['expected'] }[] };
  return report.files[0]?.findings ?? [];
}

async function runUi(vsix: string, shotsDir: string): Promise<Tally> {
  requireFile(vsix, 'run `npm run package`');
  const dir = path.join(RUN_DIR, 'ui');
  const profile = makeProfile(dir);
  const workspace = path.join(dir, 'workspace');
  copyDir(FIXTURE, workspace);

  const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
  const report = (ok: boolean | 'skipped', name: string, detail = '') => {
    if (ok === 'skipped') tally.skipped++;
    else if (ok) tally.passed++;
    else tally.failed++;
    console.log(`  ${ok === 'skipped' ? '-' : ok ? '✔' : '✘'} ${name}${detail}`);
  };

  console.log('  UI check');
  const t0 = Date.now();
  try {
    const installed = installVsix(profile, vsix);
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
    if (!installed.includes(`bulwark.bulwark@${version}`)) throw new Error(`installed extensions: ${installed.join(', ') || 'none'}`);
    report(true, `${path.basename(vsix)} installs into code-server`, ` (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    report(false, `${path.basename(vsix)} installs into code-server`, `: ${(e as Error).message}`);
    return tally;
  }

  const expected = cliFindings(path.join(workspace, 'Dockerfile'));
  let page: Page | undefined;
  let cs: CodeServer | undefined;
  try {
    ({ page, cs } = await startEditor(profile, workspace));
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
    fs.mkdirSync(shotsDir, { recursive: true });
    const p = page;
    const ctx: UiContext = {
      page: p,
      expected,
      screenshot: async (name) => {
        await p.waitForTimeout(300); // let animations (hover fade-in, panel open) settle
        await p.screenshot({ path: path.join(shotsDir, `${name}.png`), timeout: 15_000 });
      },
    };
    let failed = false;
    for (const step of UI_STEPS) {
      if (failed) {
        report('skipped', step.name, ' (not run: an earlier step failed)');
        continue;
      }
      const started = Date.now();
      try {
        await withTimeout(step.run(ctx), 120_000, step.name);
        report(true, step.name, ` (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (e) {
        failed = true;
        report(false, step.name, `: ${(e as Error).message.replace(/\x1b\[[0-9;]*m/g, '').split('\n').slice(0, 12).join('\n      ')}`);
        await failureScreenshot(p, `ui-${UI_STEPS.indexOf(step) + 1}`);
        saveLogs(profile, path.join(FAILURE_DIR, 'ui-logs'), cs.logFile);
      }
    }
    if (!failed) log(`UI check screenshots: ${path.relative(ROOT, shotsDir)}/`);
  } catch (e) {
    report(false, 'code-server with the installed .vsix starts', `: ${(e as Error).message}`);
    await failureScreenshot(page, 'ui-start');
    saveLogs(profile, path.join(FAILURE_DIR, 'ui-logs'), cs?.logFile);
  } finally {
    await cleanup();
  }
  return tally;
}

// ---- main ----------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const opts = args();
  requireFile(CODE_SERVER, 'run `bash scripts/e2e/install.sh`');
  for (const f of ['extension.js', 'server.js', 'cli.js']) requireFile(path.join(ROOT, 'dist', f), 'run `npm run build`');
  rmrf(RUN_DIR);
  rmrf(FAILURE_DIR);
  fs.mkdirSync(RUN_DIR, { recursive: true });

  const started = Date.now();
  const total: Tally = { passed: 0, failed: 0, skipped: 0 };
  const add = (t: Tally) => {
    total.passed += t.passed;
    total.failed += t.failed;
    total.skipped += t.skipped;
  };
  if (opts.suite) add(await runSuite());
  if (opts.ui) {
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
    const vsix = opts.vsix ?? path.join(ROOT, `bulwark-${version}.vsix`);
    const shots = opts.updateScreenshots ? path.join(ROOT, 'docs', 'screenshots') : path.join(ROOT, '.e2e', 'screenshots');
    add(await runUi(vsix, shots));
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`e2e: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  return total.failed > 0 || total.passed === 0 ? 1 : 0;
}

const watchdog = setTimeout(() => {
  console.error(`e2e: the run did not finish within ${RUN_TIMEOUT_MS / 60_000} minutes; stopping`);
  void cleanup().finally(() => process.exit(1));
}, RUN_TIMEOUT_MS);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`e2e: ${e.message}`);
    void cleanup().finally(() => process.exit(1));
  },
);
