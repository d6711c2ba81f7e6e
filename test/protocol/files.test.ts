/**
 * Workspace discovery without the server: what FolderFilter leaves out (nested .gitignore files, globs), the walk
 * (symbolic links, skipped folders, the file cap, cancellation), reading a file's text, and the settings' parsing.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FolderFilter, readTextFile, walkFolder } from '../../server/lsp/files';
import { Settings, enabledGlobs, globList } from '../../server/lsp/settings';
import { ShownFindings } from '../../server/lsp/summary';
import { formatCount } from '../../server/lsp/workspace';

function write(file: string, text: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('FolderFilter', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-filter-'));
    write(path.join(root, '.gitignore'), '# comment\nbuild/\n*.tmp.Dockerfile\n/rooted\n!important.tmp.Dockerfile\n');
    write(path.join(root, 'a/.gitignore'), 'Dockerfile.local\n!/build/\n');
    write(path.join(root, 'a/b/.gitignore'), '*\n!Dockerfile\n!*/\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('root .gitignore: folder patterns, file globs, anchored names, negation', async () => {
    const f = new FolderFilter(root);
    assert.equal(await f.excluded('build/Dockerfile', false), true);
    assert.equal(await f.excluded('x/build/Dockerfile', false), true, 'build/ matches at any depth');
    assert.equal(await f.excluded('build', false), false, 'build/ matches folders only');
    assert.equal(await f.excluded('x.tmp.Dockerfile', false), true);
    assert.equal(await f.excluded('important.tmp.Dockerfile', false), false);
    assert.equal(await f.excluded('rooted/Dockerfile', false), true);
    assert.equal(await f.excluded('x/rooted/Dockerfile', false), false, '/rooted is anchored at the .gitignore');
    assert.equal(await f.excluded('Dockerfile', false), false);
  });

  test('nested .gitignore files apply below their folder; the deeper one decides', async () => {
    const f = new FolderFilter(root);
    assert.equal(await f.excluded('a/Dockerfile.local', false), true);
    assert.equal(await f.excluded('Dockerfile.local', false), false, 'a/.gitignore does not apply above a/');
    assert.equal(await f.excluded('a/b/compose.yaml', false), true, 'a/b/.gitignore ignores everything but Dockerfile');
    assert.equal(await f.excluded('a/b/Dockerfile', false), false);
    assert.equal(await f.excluded('a/b/c/Dockerfile', false), false);
    assert.equal(await f.excluded('a/build/Dockerfile', false), true, 'a folder ignored above cannot be re-included below');
  });

  test('globs match the path relative to the folder, dot files included; a matching folder hides what is below', async () => {
    const f = new FolderFilter(root, ['**/testdata', 'vendor/**', '**/.hidden', './examples/']);
    assert.equal(await f.excluded('x/testdata/Dockerfile', false), true);
    assert.equal(await f.excluded('testdata/Dockerfile', false), true);
    assert.equal(await f.excluded('vendor/Dockerfile', false), true);
    assert.equal(await f.excluded('x/vendor/Dockerfile', false), false);
    assert.equal(await f.excluded('p/.hidden/Dockerfile', false), true);
    assert.equal(await f.excluded('examples/Dockerfile', false), true, './ prefix and trailing / are tolerated');
    assert.equal(await f.excluded('src/Dockerfile', false), false);
  });

  test('.git and node_modules are never walked', async () => {
    const f = new FolderFilter(root);
    assert.equal(await f.excluded('.git/Dockerfile', false), true);
    assert.equal(await f.excluded('web/node_modules/pkg/Dockerfile', false), true);
    assert.equal(await f.excluded('node_modules_backup/Dockerfile', false), false);
  });

  test('relative(): inside the root only', () => {
    const f = new FolderFilter(root);
    assert.equal(f.relative(path.join(root, 'a', 'Dockerfile')), 'a/Dockerfile');
    assert.equal(f.relative(root), undefined);
    assert.equal(f.relative(path.join(root, '..', 'other', 'Dockerfile')), undefined);
    assert.equal(f.relative(`${root}-sibling/Dockerfile`), undefined);
  });
});

describe('walkFolder', () => {
  let root: string;
  let outside: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-walk-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-outside-'));
    write(path.join(outside, 'Dockerfile'), 'FROM scratch\n');
    for (const rel of ['Dockerfile', 'svc/api/Dockerfile', 'svc/api/Dockerfile.dev', 'svc/web/web.dockerfile', 'Containerfile', 'compose.yaml', 'docker-compose.override.yml', 'ops/compose-prod.yml']) {
      write(path.join(root, rel), 'FROM scratch\n');
    }
    for (const rel of ['README.md', 'values.yaml', 'docker/notes.txt', 'node_modules/x/Dockerfile', '.git/Dockerfile', 'ignored/Dockerfile']) {
      write(path.join(root, rel), 'FROM scratch\n');
    }
    write(path.join(root, '.gitignore'), 'ignored/\n');
    fs.symlinkSync(outside, path.join(root, 'linked-dir'), 'dir');
    fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(root, 'svc/Linked.Dockerfile'));
    fs.symlinkSync(path.join(root, 'missing'), path.join(root, 'svc/dangling.Dockerfile'));
  });
  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  test('finds Dockerfiles and Compose files by name, sorted; skips ignored folders and folder links; follows file links', async () => {
    const result = await walkFolder(new FolderFilter(root), { maxFiles: 100 });
    assert.deepEqual(
      result.files.map((f) => `${f.rel}:${f.kind}`),
      [
        'Containerfile:dockerfile',
        'Dockerfile:dockerfile',
        'compose.yaml:compose',
        'docker-compose.override.yml:compose',
        'ops/compose-prod.yml:compose',
        'svc/Linked.Dockerfile:dockerfile',
        'svc/api/Dockerfile:dockerfile',
        'svc/api/Dockerfile.dev:dockerfile',
        'svc/web/web.dockerfile:dockerfile',
      ],
    );
    assert.equal(result.truncated, false);
    assert.equal(result.files[1].path, path.join(root, 'Dockerfile'));
  });

  test('stops at maxFiles and says so', async () => {
    const result = await walkFolder(new FolderFilter(root), { maxFiles: 3 });
    assert.equal(result.files.length, 3);
    assert.equal(result.truncated, true);
  });

  test('exactly maxFiles files is not truncated', async () => {
    const result = await walkFolder(new FolderFilter(root), { maxFiles: 9 });
    assert.equal(result.files.length, 9);
    assert.equal(result.truncated, false);
  });

  test('a cancelled walk stops', async () => {
    const result = await walkFolder(new FolderFilter(root), { maxFiles: 100, cancelled: () => true });
    assert.equal(result.cancelled, true);
    assert.deepEqual(result.files, []);
  });

  test('a missing folder is logged, not thrown', async () => {
    const logs: string[] = [];
    const result = await walkFolder(new FolderFilter(path.join(root, 'nope')), { maxFiles: 10, log: (m) => logs.push(m) });
    assert.deepEqual(result.files, []);
    assert.equal(logs.length, 1);
  });
});

describe('readTextFile', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-read-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('text without a byte-order mark; CRLF kept', async () => {
    write(path.join(root, 'bom'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('FROM x\r\nRUN y\r\n')]));
    assert.deepEqual(await readTextFile(path.join(root, 'bom'), 1024), { text: 'FROM x\r\nRUN y\r\n' });
  });

  test('too large, binary, missing, a folder: skipped with a reason', async () => {
    write(path.join(root, 'big'), 'x'.repeat(2048));
    write(path.join(root, 'bin'), Buffer.from([0x46, 0x52, 0x00, 0x4d]));
    fs.mkdirSync(path.join(root, 'dir'));
    assert.deepEqual(await readTextFile(path.join(root, 'big'), 1024), { skipped: 'larger than 1 KB (2 KB)' });
    assert.deepEqual(await readTextFile(path.join(root, 'big'), 1024 * 1024), { text: 'x'.repeat(2048) });
    assert.deepEqual(await readTextFile(path.join(root, 'bin'), 1024), { skipped: 'binary' });
    assert.deepEqual(await readTextFile(path.join(root, 'none'), 1024), { skipped: 'deleted' });
    assert.deepEqual(await readTextFile(path.join(root, 'dir'), 1024), { skipped: 'not a file' });
  });
});

describe('settings', () => {
  test('files.exclude: the globs switched on', () => {
    assert.deepEqual(enabledGlobs({ '**/.git': true, '**/off': false, '**/*.js': { when: '$(basename).ts' }, '': true }), ['**/.git']);
    assert.deepEqual(enabledGlobs(null), []);
    assert.deepEqual(enabledGlobs(['x']), []);
  });

  test('bulwark.exclude: an array of globs, a single string or a files.exclude-like object', () => {
    assert.deepEqual(globList(['vendor/**', 3, '', 'x']), ['vendor/**', 'x']);
    assert.deepEqual(globList('vendor/**'), ['vendor/**']);
    assert.deepEqual(globList({ 'a/**': true, b: false }), ['a/**']);
    assert.deepEqual(globList(undefined), []);
  });

  test('configuration items per folder (and the user settings), answers applied per folder, a change reported', () => {
    const s = new Settings();
    const folders = ['file:///w/a', 'file:///w/b'];
    assert.deepEqual(Settings.configurationItems(folders), [
      { scopeUri: 'file:///w/a', section: 'files.exclude' },
      { scopeUri: 'file:///w/a', section: 'bulwark' },
      { scopeUri: 'file:///w/b', section: 'files.exclude' },
      { scopeUri: 'file:///w/b', section: 'bulwark' },
      { section: 'bulwark' },
    ]);
    const answer = [{ '**/.git': true }, { exclude: ['vendor/**'] }, null, null, null];
    assert.deepEqual(s.applyConfiguration(folders, answer), { excludes: true, settings: true });
    assert.deepEqual(s.excludesFor('file:///w/a'), { filesExclude: ['**/.git'], exclude: ['vendor/**'] });
    assert.deepEqual(s.excludesFor('file:///w/b'), { filesExclude: [], exclude: [] });
    assert.deepEqual(s.applyConfiguration(folders, answer), { excludes: false, settings: false });
    assert.deepEqual(s.applyConfiguration(folders, undefined), { excludes: true, settings: true });
    assert.deepEqual(s.excludesFor('file:///w/a'), { filesExclude: [], exclude: [] });
  });

  test('initialization options: rules, allRules and trust', () => {
    const s = new Settings();
    assert.equal(s.trusted, true);
    s.readInitOptions({ rules: { 'no-sudo': 'off' }, allRules: true, workspaceTrusted: false });
    assert.deepEqual(s.optionsFor('file:///w/Dockerfile'), { rules: { 'no-sudo': 'off' }, allRules: true });
    assert.equal(s.trusted, false);
  });
});

describe('finding counts', () => {
  const f = (ruleId: string, severity: 'error' | 'warning' | 'info') => ({
    ruleId,
    severity,
    message: 'm',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
  });

  test('by severity, security rules separately, per file; a cleared file no longer counts', () => {
    const shown = new ShownFindings();
    assert.equal(shown.set('file:///a', [f('no-sudo', 'error'), f('image-latest-tag', 'warning')]), true);
    assert.equal(shown.set('file:///b', [f('apt-pin-versions', 'info')]), true);
    assert.equal(shown.set('file:///c', []), false, 'nothing before, nothing now');
    const counts = shown.counts(3, false);
    assert.deepEqual(counts.total, { error: 1, warning: 1, info: 1 });
    assert.equal(counts.files, 2);
    assert.equal(counts.workspaceFiles, 3);
    // no-sudo is a security rule, apt-pin-versions a supply-chain one.
    assert.equal(counts.security.error, 1);
    assert.equal(counts.security.info, 0);
    assert.ok(counts.securityFiles >= 1);
    assert.equal(shown.set('file:///a', undefined), true);
    assert.equal(shown.has('file:///a'), false);
    assert.deepEqual(shown.counts(3, true).total, { error: 0, warning: 0, info: 1 });
  });

  test('counts are formatted with thousands separators', () => {
    assert.equal(formatCount(1234), '1,234');
    assert.equal(formatCount(20000), '20,000');
  });
});
