/**
 * Entry point of the extension-host suite: the standard `extensionTestsPath` contract (`run(): Promise<void>`),
 * used the same way by @vscode/test-electron (desktop VS Code) and by scripts/e2e/run.ts (code-server).
 *
 * The suites are the `*.e2e.js` files beside this one; they run in a fixed order (workspace first, so that its
 * "unopened file" really is unopened), then any other `*.e2e.js` file by name. BULWARK_E2E_GREP filters tests by
 * title. The last line printed is a machine-readable summary that the code-server runner reads.
 *
 * In code-server the suite's console output reaches the runner mixed with the workbench's own log; with
 * BULWARK_E2E_MARK set (the runner sets it), every line the suite prints starts with that mark so the runner can
 * show the suite's report alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

const ORDER = ['workspace', 'dockerfile', 'compose', 'fixable'];

export const SUMMARY_PREFIX = 'bulwark-e2e-summary ';

/** Prints a line of the suite's report (marked for the runner when BULWARK_E2E_MARK is set). */
export function report(first: string = '', ...rest: unknown[]): void {
  console.log(`${process.env.BULWARK_E2E_MARK ?? ''}${first}`, ...rest);
}

export function run(): Promise<void> {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (first?: unknown, ...rest: unknown[]) => report(first === undefined ? '' : String(first), ...rest);
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.BULWARK_E2E_GREP;
  if (grep) mocha.grep(grep);
  const rank = (f: string) => {
    const i = ORDER.indexOf(f.replace(/\.e2e\.js$/, ''));
    return i < 0 ? ORDER.length : i;
  };
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats;
        report(`${SUMMARY_PREFIX}${JSON.stringify({ passes: s?.passes ?? 0, failures, pending: s?.pending ?? 0 })}`);
        if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
