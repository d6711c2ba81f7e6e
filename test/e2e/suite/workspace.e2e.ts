/// <reference types="mocha" />
/**
 * Files of the workspace that the user has not opened. Fixture: test/e2e/workspace/services/worker/Dockerfile,
 * which no other test opens (this suite runs first).
 */
import * as assert from 'node:assert/strict';
import { bulwarkDiagnostics, formatDiagnostic, openFile, waitForActivation, workspaceFile } from './helpers';
import { cliFindings, waitForVerdict } from './verdict';

/**
 * Whether the server analyses workspace files that are not open. Today it analyses the documents the editor
 * opens; the issue that adds workspace-wide analysis sets this to true, and the first test then expects the
 * file's diagnostics without opening it.
 */
const ANALYSES_UNOPENED_FILES = true;

const UNOPENED = 'services/worker/Dockerfile';

suite('Workspace files', () => {
  suiteSetup(async () => {
    // Activation (workspaceContains:**/Dockerfile) and a first analysis show that the server is up.
    const doc = await openFile('Dockerfile');
    await waitForActivation();
    await waitForVerdict(doc.uri, cliFindings('Dockerfile'));
  });

  test(
    ANALYSES_UNOPENED_FILES
      ? 'a Dockerfile that is not open shows its diagnostics without being opened'
      : 'a Dockerfile that is not open has no diagnostics yet (analysis follows the open documents)',
    async () => {
      const uri = workspaceFile(UNOPENED);
      const findings = cliFindings(UNOPENED);
      assert.ok(findings.length > 0, `the fixture ${UNOPENED} should have findings`);
      if (ANALYSES_UNOPENED_FILES) {
        await waitForVerdict(uri, findings, 'diagnostics of a file that is not open');
      } else {
        assert.deepEqual(bulwarkDiagnostics(uri).map(formatDiagnostic), []);
      }
    },
  );

  test('opening that file shows what the CLI reports for it', async () => {
    const doc = await openFile(UNOPENED, false);
    assert.equal(doc.languageId, 'dockerfile');
    await waitForVerdict(doc.uri, cliFindings(UNOPENED));
  });
});
