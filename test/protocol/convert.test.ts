/** Unit tests of the server's pure translations: Finding → Diagnostic / Hover, Fix → CodeAction, URIs. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DiagnosticSeverity, MarkupContent, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { getRule, ruleDocUrl } from '../../server/core';
import type { Finding } from '../../server/core';
import { explainFinding } from '../../server/core/explain';
import {
  DiagnosticData,
  SOURCE,
  documentKind,
  findingForDiagnostic,
  rangeContains,
  toCodeActions,
  toDiagnostic,
  toDiagnostics,
  toHover,
} from '../../server/lsp/convert';
import { uriPath, uriToFsPath } from '../../server/lsp/uri';

const r = (sl: number, sc: number, el: number, ec: number) => ({
  start: { line: sl, character: sc },
  end: { line: el, character: ec },
});

const sudo: Finding = { ruleId: 'no-sudo', severity: 'error', message: '`sudo` in RUN', range: r(1, 4, 1, 8) };

/** A fabricated finding with fixes (no rule offers fixes yet). */
const fixable: Finding = {
  ruleId: 'no-sudo',
  severity: 'warning',
  message: '`sudo` in RUN',
  range: r(1, 4, 1, 8),
  fixes: [
    { title: 'Remove sudo', edits: [{ range: r(1, 4, 1, 9), newText: '' }], safe: true, isPreferred: true },
    {
      title: 'Run as root, then switch USER',
      edits: [
        { range: r(1, 4, 1, 9), newText: '' },
        { range: r(2, 0, 2, 0), newText: 'USER app\n' },
      ],
      safe: false,
    },
  ],
};

describe('toDiagnostic', () => {
  test('carries source, code, doc link, severity, exact range and code-action data', () => {
    const d = toDiagnostic(sudo, 3, 7);
    assert.deepEqual(d, {
      range: r(1, 4, 1, 8),
      severity: DiagnosticSeverity.Error,
      code: 'no-sudo',
      codeDescription: { href: ruleDocUrl('no-sudo') },
      source: 'bulwark',
      message: '`sudo` in RUN',
      data: { ruleId: 'no-sudo', index: 3, version: 7, fixes: 0 } satisfies DiagnosticData,
    });
    assert.notEqual(d.range, sudo.range, 'range is a copy');
  });

  test('maps every severity', () => {
    assert.equal(toDiagnostic({ ...sudo, severity: 'error' }, 0).severity, DiagnosticSeverity.Error);
    assert.equal(toDiagnostic({ ...sudo, severity: 'warning' }, 0).severity, DiagnosticSeverity.Warning);
    assert.equal(toDiagnostic({ ...sudo, severity: 'info' }, 0).severity, DiagnosticSeverity.Information);
  });

  test('records the number of fixes and indexes findings in order', () => {
    const ds = toDiagnostics([sudo, fixable], 2);
    assert.deepEqual(
      ds.map((d) => d.data),
      [
        { ruleId: 'no-sudo', index: 0, version: 2, fixes: 0 },
        { ruleId: 'no-sudo', index: 1, version: 2, fixes: 2 },
      ],
    );
    assert.equal((toDiagnostic(sudo, 0).data as DiagnosticData).version, undefined);
  });
});

describe('toCodeActions', () => {
  test('one quick fix per fix, with the edits as a WorkspaceEdit on the document', () => {
    const diag = toDiagnostic(fixable, 0, 4);
    const actions = toCodeActions(fixable, diag, 'file:///w/Dockerfile');
    assert.equal(actions.length, 2);
    assert.deepEqual(actions[0], {
      title: 'Remove sudo',
      kind: 'quickfix',
      edit: { changes: { 'file:///w/Dockerfile': [{ range: r(1, 4, 1, 9), newText: '' }] } },
      diagnostics: [diag],
      isPreferred: true,
    });
    assert.equal(actions[1].title, 'Run as root, then switch USER');
    assert.equal(actions[1].isPreferred, undefined);
    assert.equal(actions[1].edit?.changes?.['file:///w/Dockerfile'].length, 2);
  });

  test('versioned documentChanges when the client supports them', () => {
    const diag = toDiagnostic(fixable, 0, 4);
    const [action] = toCodeActions(fixable, diag, 'file:///w/Dockerfile', { version: 4, documentChanges: true });
    const change = action.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: 'file:///w/Dockerfile', version: 4 });
    assert.deepEqual(change.edits, [{ range: r(1, 4, 1, 9), newText: '' }]);
    assert.equal(action.edit!.changes, undefined);
  });

  test('a finding without fixes has no code action', () => {
    assert.deepEqual(toCodeActions(sudo, toDiagnostic(sudo, 0), 'file:///w/Dockerfile'), []);
  });
});

describe('findingForDiagnostic', () => {
  const findings = [sudo, fixable];

  test('by index when the diagnostic comes from the same version', () => {
    assert.equal(findingForDiagnostic(toDiagnostic(fixable, 1, 5), findings, 5), fixable);
  });

  test('by rule id and range when stale or when the client dropped data', () => {
    const stale = toDiagnostic(fixable, 1, 4);
    stale.data = { ruleId: 'no-sudo', index: 9, version: 4 };
    assert.equal(findingForDiagnostic(stale, findings, 5), sudo, 'first finding with that rule and range');
    const bare = { ...toDiagnostic(sudo, 0), data: undefined };
    assert.equal(findingForDiagnostic(bare, findings, 5), sudo);
  });

  test('none for other sources, other rules or moved ranges', () => {
    assert.equal(findingForDiagnostic({ ...toDiagnostic(sudo, 0, 5), source: 'hadolint' }, findings, 5), undefined);
    assert.equal(findingForDiagnostic({ ...toDiagnostic(sudo, 0, 5), range: r(0, 0, 0, 4) }, findings, 5), undefined);
    const other = toDiagnostic({ ...sudo, ruleId: 'no-root-user' }, 0, 5);
    assert.equal(findingForDiagnostic(other, findings, 5), undefined);
    assert.equal(SOURCE, 'bulwark');
  });
});

describe('hover', () => {
  test('rangeContains is half-open; an empty range contains its position', () => {
    assert.ok(rangeContains(r(1, 4, 1, 8), { line: 1, character: 4 }));
    assert.ok(rangeContains(r(1, 4, 1, 8), { line: 1, character: 7 }));
    assert.ok(!rangeContains(r(1, 4, 1, 8), { line: 1, character: 8 }));
    assert.ok(!rangeContains(r(1, 4, 1, 8), { line: 1, character: 3 }));
    assert.ok(rangeContains(r(1, 4, 3, 0), { line: 2, character: 99 }));
    assert.ok(rangeContains(r(2, 0, 2, 0), { line: 2, character: 0 }));
    assert.ok(!rangeContains(r(2, 0, 2, 0), { line: 2, character: 1 }));
  });

  test('explains the finding under the cursor, over its range', () => {
    const h = toHover([sudo], { line: 1, character: 5 });
    assert.ok(h);
    assert.deepEqual(h.range, r(1, 4, 1, 8));
    const md = h.contents as MarkupContent;
    assert.equal(md.kind, 'markdown');
    assert.equal(md.value, explainFinding(sudo));
    assert.ok(md.value.includes(getRule('no-sudo')!.meta.rationale));
    assert.equal(toHover([sudo], { line: 0, character: 0 }), null);
  });

  test('several findings: separated by a rule, range is their common part', () => {
    const wide: Finding = { ruleId: 'no-sudo', severity: 'info', message: 'wide', range: r(1, 0, 1, 20) };
    const h = toHover([wide, sudo], { line: 1, character: 6 });
    assert.ok(h);
    assert.deepEqual(h.range, r(1, 4, 1, 8));
    const parts = (h.contents as MarkupContent).value.split('\n\n---\n\n');
    assert.deepEqual(parts, [explainFinding(wide), explainFinding(sudo)]);
  });

  test('an unknown rule id falls back to the message', () => {
    const h = toHover([{ ...sudo, ruleId: 'not-a-rule', message: 'plain' }], { line: 1, character: 4 });
    assert.equal((h!.contents as MarkupContent).value, 'plain');
  });
});

describe('documentKind', () => {
  test('by language id', () => {
    assert.equal(documentKind('dockerfile', 'untitled:Untitled-1'), 'dockerfile');
    assert.equal(documentKind('Dockerfile', 'file:///x/build.txt'), 'dockerfile');
    assert.equal(documentKind('containerfile', 'file:///x/a'), 'dockerfile');
    assert.equal(documentKind('dockercompose', 'file:///x/stack.yaml'), 'compose');
    assert.equal(documentKind('docker-compose', 'file:///x/stack.yaml'), 'compose');
    assert.equal(documentKind('yaml.docker-compose', 'file:///x/stack.yaml'), 'compose');
  });

  test('by file name otherwise', () => {
    assert.equal(documentKind('yaml', 'file:///x/compose.yaml'), 'compose');
    assert.equal(documentKind('yaml', 'file:///x/docker-compose.prod.yml'), 'compose');
    assert.equal(documentKind('plaintext', 'file:///x/Dockerfile'), 'dockerfile');
    assert.equal(documentKind('plaintext', 'file:///x/api.Dockerfile'), 'dockerfile');
    assert.equal(documentKind('plaintext', 'file:///x/Containerfile'), 'dockerfile');
    assert.equal(documentKind('plaintext', 'untitled:Dockerfile'), 'dockerfile');
    assert.equal(documentKind('yaml', 'file:///x/config.yaml'), undefined);
    assert.equal(documentKind('yaml', 'file:///compose.yaml/config.yaml'), undefined);
    assert.equal(documentKind('python', 'file:///x/main.py'), undefined);
  });
});

describe('uri', () => {
  test('fsPath of file URIs, percent-decoded', () => {
    assert.equal(uriToFsPath('file:///home/a/Dockerfile', 'linux'), '/home/a/Dockerfile');
    assert.equal(uriToFsPath('file:///home/a%20b/%E2%9C%93/Dockerfile', 'linux'), '/home/a b/✓/Dockerfile');
    assert.equal(uriToFsPath('file:///tmp/100%25/Dockerfile', 'linux'), '/tmp/100%/Dockerfile');
    assert.equal(uriToFsPath('file:///tmp/bad%zz%E2/Dockerfile', 'linux'), '/tmp/bad%zz%E2/Dockerfile', 'malformed escapes kept');
    assert.equal(uriToFsPath('file:///tmp/a/Dockerfile?x=1#frag', 'linux'), '/tmp/a/Dockerfile');
    assert.equal(uriToFsPath('file://localhost/etc/Dockerfile', 'linux'), '/etc/Dockerfile');
    assert.equal(uriToFsPath('FILE:///etc/Dockerfile', 'linux'), '/etc/Dockerfile');
  });

  test('Windows drive letters and UNC shares', () => {
    assert.equal(uriToFsPath('file:///c%3A/work/Dockerfile', 'win32'), 'c:\\work\\Dockerfile');
    assert.equal(uriToFsPath('file:///C:/work/Dockerfile', 'win32'), 'c:\\work\\Dockerfile');
    assert.equal(uriToFsPath('file://server/share/Dockerfile', 'win32'), '\\\\server\\share\\Dockerfile');
  });

  test('no path for other schemes; uriPath for any', () => {
    assert.equal(uriToFsPath('untitled:Untitled-1'), undefined);
    assert.equal(uriToFsPath('vscode-vfs://github/o/r/Dockerfile'), undefined);
    assert.equal(uriPath('untitled:Dockerfile'), 'Dockerfile');
    assert.equal(uriPath('vscode-vfs://github/o/r/my%20Dockerfile'), '/o/r/my Dockerfile');
  });
});
