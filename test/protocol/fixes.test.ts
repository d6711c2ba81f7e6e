/**
 * Protocol tests of quick fixes, suppressions and fix-all: the built server (dist/server.js) over stdio returns
 * exactly the edits the core produces for the same text. Run after `npm run build`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ClientCapabilities, CreateFile, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DockerfileModel, analyze, fixAll, initializeCore } from '../../server/core';
import type { Finding, Fix } from '../../server/core';
import { suppressionFixes } from '../../server/core/fixes/suppress';
import { TestClient } from './lsp-client';
import { apply, codeActions, coreOptions, editsTo, findingOf } from './code-actions';

const TIMEOUT = 60_000;

const LITERALS: ClientCapabilities['textDocument'] = {
  codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
};

/** What VS Code announces: versioned document changes and file creation. */
const FULL: ClientCapabilities = {
  textDocument: LITERALS,
  workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } },
};

/** A client with plain `changes` edits and no resource operations. */
const PLAIN: ClientCapabilities = { textDocument: LITERALS };

function fixTitles(fixes: Fix[]): string[] {
  return fixes.map((f) => f.title);
}

let tmp: string;
before(async () => {
  await initializeCore();
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-fixes-')));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Texts with real rules' fixes: sudo, ADD, MAINTAINER, a COPY destination without a slash, CRLF, escape directive. */
const TEXTS: Record<string, string> = {
  sudo: 'FROM ubuntu:24.04\nRUN sudo apt-get update\nUSER app\n',
  mixed:
    'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nADD app.tar.gz /srv/\nADD config.json /etc/app/\n' +
    'COPY a.txt b.txt /data\nRUN sudo apk add --no-cache curl\nUSER 1000\n',
  crlf: 'FROM alpine:3.20\r\nMAINTAINER ops\r\nADD run.sh /usr/local/bin/\r\nRUN sudo ls \\\r\n  && sudo id\r\nUSER 1000\r\n',
  escape: '# escape=`\nFROM alpine:3.20\nADD run.sh C:\\tools\\\nRUN sudo ls `\n  && echo done\nUSER 1000\n',
};

for (const [caps, label] of [
  [FULL, 'documentChanges and file creation'],
  [PLAIN, 'plain changes'],
] as const) {
  describe(`quick fixes and fix-all over stdio (${label})`, { timeout: TIMEOUT }, () => {
    let client: TestClient;
    before(async () => {
      client = TestClient.start('stdio');
      // Registry look-ups off: the actions are exactly the core's (the pin actions are tested in test/registry/lsp.test.ts).
      const init = await client.initialize({ registry: { enabled: false } }, caps);
      assert.deepEqual(init.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll', 'source.fixAll.bulwark'], resolveProvider: true });
    });
    after(() => client.kill());

    for (const [name, text] of Object.entries(TEXTS)) {
      test(`${name}: each diagnostic's actions are the core's fixes then its suppressions, with the core's edits`, async () => {
        const uri = pathToFileURL(path.join(tmp, `${label.replace(/\W+/g, '-')}-${name}`, 'Dockerfile')).href;
        await client.open(uri, 'dockerfile', text);
        const published = await client.waitForDiagnostics(uri);
        const findings = analyze(text, coreOptions(uri)).findings;
        assert.equal(published.diagnostics.length, findings.length);
        const model = new DockerfileModel(text);
        let fixesSeen = 0;
        for (const d of published.diagnostics) {
          const finding = findingOf(d, findings);
          const actions = await codeActions(client, uri, [d]);
          // Fixes that create files are offered only to clients that can create files.
          const offered = (finding.fixes ?? []).filter((f) => caps === FULL || !f.createFiles?.length);
          const expected = [...offered, ...suppressionFixes(model, finding)];
          assert.deepEqual(actions.map((a) => a.title), fixTitles(expected), String(d.code));
          for (const [i, fix] of expected.entries()) {
            const a = actions[i];
            assert.equal(a.kind, 'quickfix');
            assert.deepEqual(a.diagnostics, [d]);
            assert.equal(a.isPreferred, fix.isPreferred);
            assert.deepEqual(editsTo(a.edit, uri), fix.edits, `${String(d.code)}: "${fix.title}" edits`);
            if (caps === FULL) {
              const change = a.edit!.documentChanges!.find((c): c is TextDocumentEdit => TextDocumentEdit.is(c) && c.textDocument.uri === uri);
              if (fix.edits.length) assert.deepEqual(change?.textDocument, { uri, version: 1 }, 'versioned edit');
            } else {
              assert.equal(a.edit!.documentChanges, undefined);
            }
          }
          fixesSeen += finding.fixes?.length ?? 0;
        }
        if (name !== 'escape') assert.ok(fixesSeen > 0, `${name}: some rule offers a fix`);
        await client.close(uri);
      });

      test(`${name}: source.fixAll.bulwark turns the text into the core's fixAll text, in one edit`, async () => {
        const uri = pathToFileURL(path.join(tmp, `${label.replace(/\W+/g, '-')}-all-${name}`, 'Dockerfile')).href;
        await client.open(uri, 'dockerfile', text);
        await client.waitForDiagnostics(uri);
        const expected = fixAll(text, coreOptions(uri));
        assert.notEqual(expected.text, text, 'the text has safe fixes (sudo, ADD, MAINTAINER)');
        for (const only of [['source.fixAll.bulwark'], ['source.fixAll'], ['source'], ['quickfix', 'source.fixAll']]) {
          // Editors on save send no diagnostics.
          const actions = (await codeActions(client, uri, [], only)).filter((a) => a.kind !== 'quickfix');
          assert.equal(actions.length, 1, JSON.stringify(only));
          const [action] = actions;
          assert.equal(action.kind, 'source.fixAll.bulwark');
          assert.equal(action.title, 'Fix all auto-fixable Bulwark problems');
          const edits = editsTo(action.edit, uri);
          assert.equal(edits.length, 1, 'one edit');
          assert.equal(apply(text, edits), expected.text);
          // Minimal: the edit starts where the texts first differ.
          const firstDiff = [...text].findIndex((c, i) => c !== expected.text[i]);
          const doc = TextDocument.create(uri, 'dockerfile', 1, text);
          assert.ok(doc.offsetAt(edits[0].range.start) <= firstDiff && doc.offsetAt(edits[0].range.start) >= firstDiff - 1);
        }
        await client.close(uri);
      });
    }

    test('no source action unless asked for by kind; quick fixes only for a quick-fix request', async () => {
      const uri = pathToFileURL(path.join(tmp, `${label.replace(/\W+/g, '-')}-kinds`, 'Dockerfile')).href;
      await client.open(uri, 'dockerfile', TEXTS.mixed);
      const p = await client.waitForDiagnostics(uri);
      for (const only of [undefined, ['quickfix'], ['']]) {
        const actions = await codeActions(client, uri, p.diagnostics, only);
        assert.ok(actions.length > 0);
        assert.ok(actions.every((a) => a.kind === 'quickfix'), JSON.stringify(only));
        assert.deepEqual(await codeActions(client, uri, [], only), [], 'no diagnostics, no source request: nothing');
      }
      const fixAllOnly = await codeActions(client, uri, p.diagnostics, ['source.fixAll.bulwark']);
      assert.deepEqual(fixAllOnly.map((a) => a.kind), ['source.fixAll.bulwark'], 'a source request gets no quick fixes');
      assert.deepEqual(await codeActions(client, uri, p.diagnostics, ['source.organizeImports']), []);
      assert.deepEqual(await codeActions(client, uri, p.diagnostics, ['refactor']), []);
      await client.close(uri);
    });

    test('a clean document: no fix-all action', async () => {
      const uri = pathToFileURL(path.join(tmp, `${label.replace(/\W+/g, '-')}-clean`, 'Dockerfile')).href;
      const text = 'FROM alpine:3.20\nUSER 1000\nCMD ["true"]\n';
      await client.open(uri, 'dockerfile', text);
      await client.waitForDiagnostics(uri);
      assert.equal(fixAll(text, coreOptions(uri)).text, text);
      assert.deepEqual(await codeActions(client, uri, [], ['source.fixAll.bulwark']), []);
      await client.close(uri);
    });

    test('a suppression action applied removes the finding (re-published)', async () => {
      const uri = pathToFileURL(path.join(tmp, `${label.replace(/\W+/g, '-')}-suppress`, 'Dockerfile')).href;
      const text = TEXTS.sudo;
      await client.open(uri, 'dockerfile', text);
      const p = await client.waitForDiagnostics(uri);
      const sudo = p.diagnostics.find((d) => d.code === 'no-sudo');
      assert.ok(sudo);
      const actions = await codeActions(client, uri, [sudo]);
      const line = actions.find((a) => a.title === 'Ignore no-sudo for this line');
      const file = actions.find((a) => a.title === 'Ignore no-sudo for this file');
      assert.ok(line && file);
      assert.ok(!line.isPreferred && !file.isPreferred);
      const afterLine = apply(text, editsTo(line.edit, uri));
      assert.equal(afterLine, 'FROM ubuntu:24.04\n# bulwark-ignore no-sudo\nRUN sudo apt-get update\nUSER app\n');
      assert.equal(apply(text, editsTo(file.edit, uri)), '# bulwark-ignore-file no-sudo\nFROM ubuntu:24.04\nRUN sudo apt-get update\nUSER app\n');
      const from = client.published.length;
      await client.change(uri, 2, [{ text: afterLine }]);
      const next = await client.waitForDiagnostics(uri, (x) => x.version === 2, 15000, from);
      assert.ok(!next.diagnostics.some((d) => d.code === 'no-sudo'));
      await client.close(uri);
    });

    test('a fix that creates a file: CreateFile + content when the client can create files, else not offered', async () => {
      const dir = path.join(tmp, `${label.replace(/\W+/g, '-')}-context`);
      fs.mkdirSync(dir, { recursive: true });
      const uri = pathToFileURL(path.join(dir, 'Dockerfile')).href;
      const text = 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER node\n';
      const finding = analyze(text, coreOptions(uri)).findings.find((f) => f.fixes?.some((x) => x.createFiles?.length));
      assert.ok(finding, 'some rule offers a fix creating a file for `COPY . .` without .dockerignore');
      const fix = finding.fixes!.find((x) => x.createFiles?.length)!;
      await client.open(uri, 'dockerfile', text);
      const p = await client.waitForDiagnostics(uri);
      const d = p.diagnostics.find((x) => x.code === finding.ruleId)!;
      const actions = await codeActions(client, uri, [d]);
      const action = actions.find((a) => a.title === fix.title);
      const all = (await codeActions(client, uri, [], ['source.fixAll.bulwark']))[0];
      if (caps !== FULL) {
        assert.equal(action, undefined, 'not offered without resourceOperations: create');
        if (all) assert.ok(!(all.edit?.documentChanges ?? []).some((c) => CreateFile.is(c)));
      } else {
        assert.ok(action, `"${fix.title}" offered`);
        const changes = action.edit!.documentChanges!;
        for (const file of fix.createFiles!) {
          const fileUri = pathToFileURL(file.path).href;
          const create = changes.find((c): c is CreateFile => CreateFile.is(c) && c.uri === fileUri);
          assert.deepEqual(create, { kind: 'create', uri: fileUri, options: { ignoreIfExists: true } });
          const content = changes.find((c): c is TextDocumentEdit => TextDocumentEdit.is(c) && c.textDocument.uri === fileUri);
          assert.ok(content);
          assert.equal(apply('', content.edits as TextEdit[]), file.content);
          assert.ok(changes.indexOf(create) < changes.indexOf(content), 'created before it is filled');
        }
        assert.deepEqual(editsTo(action.edit, uri), fix.edits);
        if (fix.safe) {
          assert.ok(all, 'fix-all offered');
          assert.ok((all.edit?.documentChanges ?? []).some((c) => CreateFile.is(c)), 'fix-all creates the file too');
        }
      }
      await client.close(uri);
    });

    test('shutdown', async () => {
      assert.equal(await client.stop(), 0);
    });
  });
}
