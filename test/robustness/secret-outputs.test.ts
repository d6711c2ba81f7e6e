/**
 * The extension never echoes a secret it found: for each kind of secret the rules detect (test/helpers/fake-secrets.ts),
 * in a Dockerfile and in a Compose file, no output holds the full value — diagnostic messages, hover text
 * (explainFinding / LSP hover), code action and fix titles, and every CLI format (text, JSON, SARIF, GitHub, JUnit)
 * with stderr. Fix edits may move the value (into a build secret, say) but their titles may not show it.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyze, initializeCore } from '../../server/core/engine';
import { explainFinding } from '../../server/core/explain';
import { toCodeActions, toDiagnostic, toHover } from '../../server/lsp/convert';
import { run } from '../../server/cli/main';
import type { Io } from '../../server/cli/main';
import { CASES } from '../helpers/secret-cases';

before(() => initializeCore());

function assertHidden(where: string, text: string, value: string): void {
  assert.ok(!text.includes(value), `${where} shows the secret`);
}

describe('no output shows a detected secret', () => {
  for (const c of CASES) {
    for (const [fileKind, text, file] of [
      ['dockerfile', c.dockerfile, 'Dockerfile'],
      ['compose', c.compose, 'compose.yaml'],
    ] as const) {
      it(`${c.kind} in a ${fileKind}: messages, hover, fix and code action titles`, () => {
        const findings = analyze(text, { kind: fileKind, path: `/w/${file}`, allRules: true }).findings;
        const secretFindings = findings.filter((f) => /secret|password|token|credential|key/i.test(f.ruleId + f.message));
        assert.ok(secretFindings.length > 0, `no secret finding for ${c.kind} in ${fileKind}: ${findings.map((f) => f.ruleId).join(', ')}`);
        for (const f of findings) {
          assertHidden(`${f.ruleId} message`, f.message, c.value);
          assertHidden(`${f.ruleId} hover`, explainFinding(f), c.value);
          const hover = toHover([f], f.range.start);
          assertHidden(`${f.ruleId} LSP hover`, JSON.stringify(hover), c.value);
          for (const fix of f.fixes ?? []) assertHidden(`${f.ruleId} fix title`, fix.title, c.value);
          const diagnostic = toDiagnostic(f, 0);
          assertHidden(`${f.ruleId} diagnostic`, JSON.stringify({ ...diagnostic, range: undefined }), c.value);
          for (const action of toCodeActions(f, diagnostic, `file:///w/${file}`)) assertHidden(`${f.ruleId} code action title`, action.title, c.value);
        }
      });
    }
  }

  it('every CLI format and stderr, for every secret kind at once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-secrets-'));
    try {
      CASES.forEach((c, i) => {
        fs.mkdirSync(path.join(dir, String(i)));
        fs.writeFileSync(path.join(dir, String(i), 'Dockerfile'), c.dockerfile);
        fs.writeFileSync(path.join(dir, String(i), 'compose.yaml'), c.compose);
      });
      for (const format of ['text', 'json', 'sarif', 'github', 'junit']) {
        let out = '';
        const io: Io = { stdout: (t) => (out += t), stderr: (t) => (out += t), cwd: dir, env: {}, stdoutIsTTY: false };
        await run(['lint', '--all-rules', '--format', format, '.'], io);
        assert.ok(/secret/i.test(out), `${format}: no secret finding reported`);
        for (const c of CASES) assertHidden(`CLI --format ${format} (${c.kind})`, out, c.value);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
