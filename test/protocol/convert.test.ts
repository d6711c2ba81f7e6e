/** Unit tests of the server's pure translations: Finding → Diagnostic / Hover, Fix → CodeAction, URIs. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CreateFile, DiagnosticSeverity, MarkupContent, TextDocumentEdit } from 'vscode-languageserver-protocol';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getRule, ruleDocUrl } from '../../server/core';
import type { Finding, FixAllResult } from '../../server/core';
import { explainFinding } from '../../server/core/explain';
import {
  DiagnosticData,
  FIX_ALL_KIND,
  SOURCE,
  documentKind,
  findingForDiagnostic,
  kindRequested,
  minimalEdit,
  rangeContains,
  toCodeActions,
  toDiagnostic,
  toDiagnostics,
  toFixAllAction,
  toHover,
  toWorkspaceEdit,
} from '../../server/lsp/convert';
import { fsPathToUri, uriPath, uriToFsPath } from '../../server/lsp/uri';

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

  test('explicit fixes (suppressions) instead of the finding\'s own', () => {
    const suppress = { title: 'Ignore no-sudo for this line', edits: [{ range: r(1, 0, 1, 0), newText: '# bulwark-ignore no-sudo\n' }], safe: false };
    const actions = toCodeActions(fixable, toDiagnostic(fixable, 0), 'file:///w/Dockerfile', {}, [suppress]);
    assert.deepEqual(actions.map((a) => [a.title, a.kind, a.isPreferred]), [['Ignore no-sudo for this line', 'quickfix', undefined]]);
  });

  const creating: Finding = {
    ...sudo,
    ruleId: 'copy-context-without-dockerignore',
    fixes: [
      { title: 'Create .dockerignore', edits: [], createFiles: [{ path: '/w/.dockerignore', content: '.git\n' }], safe: true, isPreferred: true },
      { title: 'Plain', edits: [{ range: r(0, 0, 0, 0), newText: 'x' }], safe: false },
    ],
  };

  test('a fix creating a file: CreateFile (ignoreIfExists) then its content, only when the client creates files', () => {
    const diag = toDiagnostic(creating, 0, 2);
    const withCreate = toCodeActions(creating, diag, 'file:///w/Dockerfile', { version: 2, documentChanges: true, createFiles: true });
    assert.deepEqual(withCreate.map((a) => a.title), ['Create .dockerignore', 'Plain']);
    const uri = fsPathToUri('/w/.dockerignore');
    assert.deepEqual(withCreate[0].edit, {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: r(0, 0, 0, 0), newText: '.git\n' }] },
      ],
    });
    const without = toCodeActions(creating, diag, 'file:///w/Dockerfile', { version: 2, documentChanges: true });
    assert.deepEqual(without.map((a) => a.title), ['Plain'], 'not offered');
  });

  test('toWorkspaceEdit: file creation plus edits to the document, versioned', () => {
    const edit = toWorkspaceEdit('file:///w/Dockerfile', [{ range: r(1, 0, 1, 0), newText: 'y' }], [{ path: '/w/a', content: '' }], {
      version: 3,
      documentChanges: true,
      createFiles: true,
    });
    assert.ok(edit?.documentChanges);
    assert.equal(edit.documentChanges.length, 2, 'an empty file needs no content edit');
    assert.ok(CreateFile.is(edit.documentChanges[0]));
    assert.deepEqual((edit.documentChanges[1] as TextDocumentEdit).textDocument, { uri: 'file:///w/Dockerfile', version: 3 });
    assert.equal(toWorkspaceEdit('file:///w/Dockerfile', [], [{ path: '/w/a', content: 'x' }], { createFiles: false }), undefined);
  });
});

describe('kindRequested', () => {
  test('a kind or any of its parents; the empty kind asks for all', () => {
    assert.ok(kindRequested('source.fixAll.bulwark', FIX_ALL_KIND));
    assert.ok(kindRequested('source.fixAll', FIX_ALL_KIND));
    assert.ok(kindRequested('source', FIX_ALL_KIND));
    assert.ok(kindRequested('', FIX_ALL_KIND));
    assert.ok(!kindRequested('source.fix', FIX_ALL_KIND), 'a prefix of a segment is not a parent');
    assert.ok(!kindRequested('quickfix', FIX_ALL_KIND));
    assert.ok(!kindRequested('source.fixAll.eslint', FIX_ALL_KIND));
    assert.ok(kindRequested('quickfix', 'quickfix'));
    assert.equal(FIX_ALL_KIND, 'source.fixAll.bulwark');
  });
});

describe('minimalEdit and the fix-all action', () => {
  const apply = (text: string, edit: TextEdit | undefined) => (edit ? TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 1, text), [edit]) : text);

  for (const [name, before, after] of [
    ['one word removed', 'FROM a\nRUN sudo ls\n', 'FROM a\nRUN ls\n'],
    ['a line inserted', 'FROM a\nRUN ls\n', 'FROM a\nUSER 1000\nRUN ls\n'],
    ['changes far apart: one edit spanning them', 'ADD a /x\nRUN ls\nADD b /y\n', 'COPY a /x\nRUN ls\nCOPY b /y\n'],
    ['CRLF: a line break is never split', 'FROM a\r\nRUN x\r\n', 'FROM a\r\n\r\nRUN x\r\n'],
    ['CR then LF inserted', 'a\rb', 'a\r\nb'],
    ['surrogate pairs are never split', 'RUN echo \u{1F600}\n', 'RUN echo \u{1F601}\n'],
    ['from empty', '', 'FROM a\n'],
    ['to empty', 'FROM a\n', ''],
    ['repeated text', 'aaaa', 'aaaaaa'],
  ] as const) {
    test(name, () => {
      const edit = minimalEdit(before, after);
      assert.ok(edit);
      assert.equal(apply(before, edit), after);
      const doc = TextDocument.create('file:///x', 'dockerfile', 1, before);
      const start = doc.offsetAt(edit.range.start);
      const end = doc.offsetAt(edit.range.end);
      assert.ok(end - start <= before.length);
      // Positions map back to the same offsets (none inside a CRLF or a surrogate pair).
      assert.deepEqual(doc.positionAt(start), edit.range.start);
      assert.deepEqual(doc.positionAt(end), edit.range.end);
    });
  }

  test('a small change in a long text is a small edit', () => {
    const body = 'RUN echo hello\n'.repeat(500);
    const edit = minimalEdit(`FROM a\n${body}RUN sudo ls\n${body}`, `FROM a\n${body}RUN ls\n${body}`);
    assert.deepEqual(edit, { range: r(501, 4, 501, 9), newText: '' });
  });

  test('equal texts: no edit', () => {
    assert.equal(minimalEdit('FROM a\n', 'FROM a\n'), undefined);
  });

  const result = (text: string, createFiles: FixAllResult['createFiles'] = []): FixAllResult => ({ text, fixed: [], createFiles, remaining: [] });

  test('fix-all: one action of kind source.fixAll.bulwark with one edit; none when nothing changes', () => {
    const action = toFixAllAction('file:///w/Dockerfile', 'FROM a\nRUN sudo ls\n', result('FROM a\nRUN ls\n'), { version: 4, documentChanges: true });
    assert.ok(action);
    assert.equal(action.kind, FIX_ALL_KIND);
    assert.equal(action.diagnostics, undefined);
    const change = action.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change, { textDocument: { uri: 'file:///w/Dockerfile', version: 4 }, edits: [{ range: r(1, 4, 1, 9), newText: '' }] });
    assert.equal(toFixAllAction('file:///w/Dockerfile', 'FROM a\n', result('FROM a\n')), undefined);
  });

  test('fix-all with files to create: created when the client can, else left out', () => {
    const files = [{ path: '/w/.dockerignore', content: '.git\n' }];
    const onlyFile = toFixAllAction('file:///w/Dockerfile', 'FROM a\n', result('FROM a\n', files), { version: 1, documentChanges: true, createFiles: true });
    assert.ok(onlyFile);
    assert.equal(onlyFile.edit!.documentChanges!.length, 2);
    assert.equal(toFixAllAction('file:///w/Dockerfile', 'FROM a\n', result('FROM a\n', files), { version: 1, documentChanges: true }), undefined);
    const textOnly = toFixAllAction('file:///w/Dockerfile', 'FROM a\nRUN sudo ls\n', result('FROM a\nRUN ls\n', files));
    assert.deepEqual(textOnly?.edit, { changes: { 'file:///w/Dockerfile': [{ range: r(1, 4, 1, 9), newText: '' }] } });
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

  test('fsPathToUri is the inverse of uriToFsPath', () => {
    assert.equal(fsPathToUri('/home/a/.dockerignore', 'linux'), 'file:///home/a/.dockerignore');
    assert.equal(fsPathToUri('/tmp/a b/✓/#1%/.dockerignore', 'linux'), 'file:///tmp/a%20b/%E2%9C%93/%231%25/.dockerignore');
    assert.equal(fsPathToUri('c:\\work\\.dockerignore', 'win32'), 'file:///c%3A/work/.dockerignore');
    assert.equal(fsPathToUri('C:\\work\\.dockerignore', 'win32'), 'file:///c%3A/work/.dockerignore');
    assert.equal(fsPathToUri('\\\\server\\share\\.dockerignore', 'win32'), 'file://server/share/.dockerignore');
    for (const [p, platform] of [
      ['/tmp/a b/✓/#1%/.dockerignore', 'linux'],
      ["/tmp/it's (1)/.dockerignore", 'linux'],
      ['c:\\work dir\\.dockerignore', 'win32'],
      ['\\\\server\\share\\x\\.dockerignore', 'win32'],
    ] as const) {
      assert.equal(uriToFsPath(fsPathToUri(p, platform), platform), p);
    }
  });

  test('no path for other schemes; uriPath for any', () => {
    assert.equal(uriToFsPath('untitled:Untitled-1'), undefined);
    assert.equal(uriToFsPath('vscode-vfs://github/o/r/Dockerfile'), undefined);
    assert.equal(uriPath('untitled:Dockerfile'), 'Dockerfile');
    assert.equal(uriPath('vscode-vfs://github/o/r/my%20Dockerfile'), '/o/r/my Dockerfile');
  });
});
