/**
 * `npm run test:electron`: the same extension-host suite (test/e2e/suite) in desktop VS Code, downloaded by
 * @vscode/test-electron into .vscode-test/ (needs internet; the developer-machine path). The editor version is
 * the manifest's minimum (`engines.vscode`) unless BULWARK_VSCODE_VERSION says otherwise (e.g. `stable`).
 * On Linux without a display, run it under `xvfb-run -a npm run test:electron`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { vscode: string } };
  const version = process.env.BULWARK_VSCODE_VERSION ?? manifest.engines.vscode.replace(/^[\^~>=]+/, '');
  // A scratch copy of the fixture workspace, so the suite's edits never touch the repository.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-e2e-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(ROOT, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, '..', '..', 'test', 'e2e', 'suite', 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions stay out; the one under development still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(scratch, 'user-data'),
      ],
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(`test:electron: ${e.message}`);
  process.exit(1);
});
