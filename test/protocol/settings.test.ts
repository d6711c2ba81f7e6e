/**
 * settings.ts: the options of a file resolved through `resolveConfig` (editor settings under `.hadolint.yaml` and
 * `.bulwark.yaml`), per workspace folder, with open documents' text first, cached until a configuration file, the
 * settings or trust change. An in-memory file system under /ws.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { ConfigProblem } from '../../server/core/config';
import { Settings, settingsLayer } from '../../server/lsp/settings';
import { memHost, yaml } from '../config/memfs';

const A = 'file:///ws/a';
const B = 'file:///ws/b';
const FOLDERS = [A, B];

/** The answer to `configurationItems(FOLDERS)`: files.exclude and bulwark per folder, then the user's bulwark. */
function answer(a: unknown, b: unknown = null, user: unknown = null): unknown[] {
  return [null, a, null, b, user];
}

function setup(files: Record<string, string>, open: Record<string, string> = {}) {
  const disk = memHost(files);
  const openDocs = new Map(Object.entries(open));
  const settings = new Settings((p) => openDocs.get(p), disk);
  settings.setFolders(FOLDERS);
  return { disk, openDocs, settings };
}

describe('Settings: options per file through the configuration files', () => {
  test('a .bulwark.yaml wins over the folder settings, which decide what it leaves open', () => {
    const { settings } = setup({
      '/ws/a/Dockerfile': 'FROM x\n',
      '/ws/a/.bulwark.yaml': yaml('rules:', '  no-sudo: warning'),
    });
    settings.applyConfiguration(FOLDERS, answer({ rules: { 'no-sudo': 'off', DL3008: 'error' } }));
    const rules = settings.optionsFor(`${A}/Dockerfile`).rules ?? {};
    assert.equal(rules['no-sudo'], 'warning');
    assert.equal(rules['apt-pin-versions'], 'error', 'an alias in the settings is resolved');
  });

  test('each folder has its own settings and its own configuration files; the user settings apply outside folders', () => {
    const { settings } = setup({
      '/ws/a/Dockerfile': '',
      '/ws/b/Dockerfile': '',
      '/ws/b/.hadolint.yaml': yaml('ignored:', '  - DL3004'),
    });
    settings.applyConfiguration(FOLDERS, answer({ allRules: true }, { allRules: false }, { rules: { 'no-sudo': 'info' } }));
    assert.equal(settings.optionsFor(`${A}/Dockerfile`).allRules, true);
    assert.equal(settings.optionsFor(`${A}/Dockerfile`).rules?.['no-sudo'], undefined);
    assert.equal(settings.optionsFor(`${B}/Dockerfile`).allRules, false);
    assert.equal(settings.optionsFor(`${B}/Dockerfile`).rules?.['no-sudo'], 'off', '.hadolint.yaml ignored: DL3004');
    assert.equal(settings.optionsFor('file:///elsewhere/Dockerfile').rules?.['no-sudo'], 'info');
    assert.equal(settings.optionsFor('untitled:Untitled-1').rules?.['no-sudo'], 'info');
  });

  test('the search stops at the workspace folder: a configuration file above it is not read', () => {
    const { settings } = setup({ '/ws/.bulwark.yaml': yaml('rules:', '  no-sudo: off'), '/ws/a/Dockerfile': '' });
    assert.equal(settings.optionsFor(`${A}/Dockerfile`).rules?.['no-sudo'], undefined);
    // With /ws itself a folder, the file is read.
    settings.setFolders(['file:///ws']);
    assert.equal(settings.optionsFor(`${A}/Dockerfile`).rules?.['no-sudo'], 'off');
  });

  test("an open configuration file's unsaved text wins over the disk", () => {
    const { settings, openDocs } = setup({ '/ws/a/.bulwark.yaml': yaml('rules:', '  no-sudo: warning') });
    openDocs.set('/ws/a/.bulwark.yaml', yaml('rules:', '  no-sudo: info'));
    assert.equal(settings.optionsFor(`${A}/Dockerfile`).rules?.['no-sudo'], 'info');
  });

  test('resolutions are cached until a configuration file changes; only the files it configures are dropped', () => {
    const { settings, disk } = setup({ '/ws/a/sub/.bulwark.yaml': yaml('rules:', '  no-sudo: warning') });
    const inSub = `${A}/sub/Dockerfile`;
    const beside = `${A}/Dockerfile`;
    const other = `${B}/Dockerfile`;
    for (const uri of [inSub, beside, other]) settings.optionsFor(uri);
    disk.files.set('/ws/a/sub/.bulwark.yaml', yaml('rules:', '  no-sudo: off'));
    assert.equal(settings.optionsFor(inSub).rules?.['no-sudo'], 'warning', 'cached');
    assert.deepEqual(settings.configFileChanged('/ws/a/sub/.bulwark.yaml'), [inSub]);
    assert.equal(settings.optionsFor(inSub).rules?.['no-sudo'], 'off');
    // A new file in the folder above configures both files of folder a, not folder b's.
    disk.files.set('/ws/a/.bulwark.yaml', yaml('allRules: true'));
    assert.deepEqual(settings.configFileChanged('/ws/a/.bulwark.yaml').sort(), [beside, inSub].sort());
    assert.equal(settings.optionsFor(beside).allRules, true);
    assert.equal(settings.optionsFor(inSub).allRules, true);
    assert.equal(settings.optionsFor(other).allRules, undefined);
  });

  test('a file a configuration extends is a dependency of the files it configures', () => {
    const { settings, disk } = setup({
      '/ws/a/.bulwark.yaml': yaml('extends: [shared/base.yaml]'),
      '/ws/a/shared/base.yaml': yaml('rules:', '  no-sudo: info'),
    });
    assert.equal(settings.optionsFor(`${A}/x/Dockerfile`).rules?.['no-sudo'], 'info');
    assert.ok(settings.configFiles.has('/ws/a/shared/base.yaml'));
    disk.files.set('/ws/a/shared/base.yaml', yaml('rules:', '  no-sudo: error'));
    assert.deepEqual(settings.configFileChanged('/ws/a/shared/base.yaml'), [`${A}/x/Dockerfile`]);
    assert.equal(settings.optionsFor(`${A}/x/Dockerfile`).rules?.['no-sudo'], 'error');
  });

  test('a deleted folder: the resolutions that read below it are dropped, and what the disk said is forgotten', () => {
    const { settings, disk } = setup({
      '/ws/a/.bulwark.yaml': yaml('extends: [shared/base.yaml]'),
      '/ws/a/shared/base.yaml': yaml('rules:', '  no-sudo: info'),
      '/ws/a/shared/x/.bulwark.yaml': yaml('allRules: true'),
    });
    settings.optionsFor(`${A}/Dockerfile`);
    assert.equal(settings.optionsFor(`${A}/shared/x/Dockerfile`).allRules, true);
    assert.equal(settings.host.exists('/ws/a/shared/x/.bulwark.yaml'), true);
    disk.files.delete('/ws/a/shared/base.yaml');
    disk.files.delete('/ws/a/shared/x/.bulwark.yaml');
    assert.deepEqual(settings.configFileChanged('/ws/a/shared', true).sort(), [`${A}/Dockerfile`, `${A}/shared/x/Dockerfile`].sort());
    assert.equal(settings.host.exists('/ws/a/shared/x/.bulwark.yaml'), false);
    assert.equal(settings.optionsFor(`${A}/Dockerfile`).rules?.['no-sudo'], undefined);
  });

  test('excluded: .bulwark.yaml exclude globs, relative to their file', () => {
    const { settings } = setup({ '/ws/a/svc/.bulwark.yaml': yaml('exclude: [gen/**]') });
    assert.equal(settings.excluded(`${A}/svc/gen/x/Dockerfile`), true);
    assert.equal(settings.excluded(`${A}/svc/Dockerfile`), false);
    assert.equal(settings.excluded(`${A}/gen/x/Dockerfile`), false);
  });

  test('registryEnabledFor: the setting (default on) under .bulwark.yaml, and never in an untrusted workspace', () => {
    const { settings } = setup({ '/ws/b/.bulwark.yaml': yaml('registry:', '  enabled: false') });
    assert.equal(settings.registryEnabledFor(`${A}/Dockerfile`), true, 'no setting, no file: on (the editor default)');
    assert.equal(settings.registryEnabledFor(`${B}/Dockerfile`), false, 'the repository turned it off');
    settings.applyConfiguration(FOLDERS, answer({ registry: { enabled: false } }, { registry: { enabled: true } }));
    assert.equal(settings.registryEnabledFor(`${A}/Dockerfile`), false, 'the folder setting turned it off');
    settings.applyConfiguration(FOLDERS, answer({ registry: { enabled: true } }, { registry: { enabled: true } }));
    assert.equal(settings.registryEnabledFor(`${A}/Dockerfile`), true);
    assert.equal(settings.registryEnabledFor(`${B}/Dockerfile`), false, 'the repository turned it off');
    settings.trusted = false;
    assert.equal(settings.registryEnabledFor(`${A}/Dockerfile`), false);
    settings.trusted = true;
    assert.equal(settings.registryEnabledFor(`${A}/Dockerfile`), true);
  });

  test('untrusted: a .bulwark.yaml asking for registry lookups is not honoured, and says so', () => {
    const { settings } = setup({ '/ws/a/.bulwark.yaml': yaml('registry:', '  enabled: true') });
    settings.readInitOptions({ workspaceTrusted: false });
    assert.equal(settings.registryEnabledFor(`${A}/Dockerfile`), false);
    const problems = settings.problemsIn('/ws/a/.bulwark.yaml');
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /untrusted workspace/);
    settings.trusted = true;
    assert.equal(settings.registryEnabledFor(`${A}/Dockerfile`), true);
    assert.deepEqual(settings.problemsIn('/ws/a/.bulwark.yaml'), []);
  });

  test('enable and debounce per folder', () => {
    const { settings } = setup({});
    assert.equal(settings.enabledFor(`${A}/Dockerfile`), true);
    assert.equal(settings.debounceFor(`${A}/Dockerfile`), undefined);
    settings.applyConfiguration(FOLDERS, answer({ enable: false, debounce: 0 }, { debounce: -5 }));
    assert.equal(settings.enabledFor(`${A}/Dockerfile`), false);
    assert.equal(settings.enabledFor(`${B}/Dockerfile`), true);
    assert.equal(settings.debounceFor(`${A}/Dockerfile`), 0);
    assert.equal(settings.debounceFor(`${B}/Dockerfile`), undefined, 'a negative delay is ignored');
  });

  test('a problem in the settings is reported once, however often the settings change; a new one is reported', () => {
    const { settings } = setup({});
    const reported: ConfigProblem[] = [];
    settings.onSettingsProblem = (p) => reported.push(p);
    settings.applyConfiguration(FOLDERS, answer({ rules: { 'no-such-rule': 'error', 'no-sudo': 'loud' } }));
    settings.optionsFor(`${A}/Dockerfile`);
    settings.optionsFor(`${A}/other/Dockerfile`);
    assert.equal(reported.length, 2, JSON.stringify(reported));
    assert.ok(reported.every((p) => p.setting === 'bulwark.rules' && p.path === undefined));
    assert.ok(reported.some((p) => /no-such-rule/.test(p.message)));
    assert.ok(reported.some((p) => /loud/.test(p.message)));
    settings.applyConfiguration(FOLDERS, answer({ rules: { 'no-such-rule': 'error' }, debounce: 10 }));
    settings.optionsFor(`${A}/Dockerfile`);
    assert.equal(reported.length, 2, 'the same problem is not reported again');
    settings.applyConfiguration(FOLDERS, answer({ rules: { 'no-such-rule': 'error', 'other-typo': 'off' } }));
    settings.optionsFor(`${A}/Dockerfile`);
    assert.equal(reported.length, 3);
    assert.match(reported[2].message, /other-typo/);
  });

  test('configuration files seen by a resolution are announced once', () => {
    const { settings } = setup({ '/ws/a/.bulwark.yaml': 'rules: [', '/ws/a/.hadolint.yml': 'ignored: []\n' });
    const seen: string[] = [];
    settings.onConfigFileSeen = (p) => seen.push(p);
    settings.optionsFor(`${A}/Dockerfile`);
    settings.optionsFor(`${A}/x/Dockerfile`);
    assert.deepEqual(seen.sort(), ['/ws/a/.bulwark.yaml', '/ws/a/.hadolint.yml']);
    assert.ok(settings.problemsIn('/ws/a/.bulwark.yaml').some((p) => p.severity === 'error'), 'the YAML error is a problem');
  });

  test('settingsLayer: the section over the initialization options; an empty trustedRegistries is not configured', () => {
    assert.deepEqual(settingsLayer({ rules: { 'no-sudo': 'off' }, allRules: true }, { rules: { DL3008: 'error' }, trustedRegistries: [] }), {
      rules: { 'no-sudo': 'off', DL3008: 'error' },
      allRules: true,
      registry: { enabled: true },
    });
    assert.deepEqual(settingsLayer({ registry: { enabled: false } }, {}), { registry: { enabled: false } }, 'the client\'s value over the default');
    assert.deepEqual(settingsLayer({}, { trustedRegistries: ['docker.io'], registry: { enabled: true, timeout: 5 }, exclude: ['x'] }), {
      trustedRegistries: ['docker.io'],
      registry: { enabled: true },
      exclude: ['x'],
    });
    assert.deepEqual(settingsLayer({ rules: { 'no-sudo': 'off' } }, { rules: 'bad' }), { rules: 'bad', registry: { enabled: true } }, 'passed on for the resolver to report');
    assert.deepEqual(settingsLayer({}, null), { registry: { enabled: true } });
  });
});

describe('package.json contributes the settings the server reads', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
  const root = path.join(__dirname, '../../..');
  const properties: Record<string, { markdownDescription?: string; default?: unknown; scope?: string }> = pkg.contributes.configuration.properties;

  test('every bulwark.* setting, each with a description', () => {
    for (const key of [
      'bulwark.enable',
      'bulwark.rules',
      'bulwark.allRules',
      'bulwark.trustedRegistries',
      'bulwark.exclude',
      'bulwark.registry.enabled',
      'bulwark.registry.timeout',
      'bulwark.debounce',
    ]) {
      assert.ok(properties[key], key);
      assert.ok((properties[key].markdownDescription ?? '').length > 20, `${key} has a description`);
    }
    assert.equal(properties['bulwark.enable'].default, true);
    assert.equal(properties['bulwark.registry.timeout'].default, 10_000, 'the registry client\'s own default');
    assert.equal(properties['bulwark.registry.timeout'].scope, 'window', 'one registry client serves the window');
  });

  test('the defaults, as VS Code serves them, resolve without a problem and change nothing', () => {
    // VS Code nests dotted keys: `bulwark.registry.enabled` arrives as `registry: { enabled }`.
    const section: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(properties)) {
      const parts = key.split('.').slice(1);
      let at = section;
      for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
      at[parts.at(-1)!] = value.default;
    }
    const { settings } = setup({});
    const reported: ConfigProblem[] = [];
    settings.onSettingsProblem = (p) => reported.push(p);
    settings.applyConfiguration(FOLDERS, answer(section));
    assert.deepEqual(settings.optionsFor(`${A}/Dockerfile`), { allRules: false });
    assert.deepEqual(reported, []);
    assert.equal(settings.registryEnabledFor(`${A}/Dockerfile`), true);
    assert.equal(settings.debounceFor(`${A}/Dockerfile`), 150);
  });

  test('untrusted workspaces: limited, registry access restricted; the .bulwark.yaml schema is contributed and packaged', () => {
    const untrusted = pkg.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.ok(untrusted.restrictedConfigurations.includes('bulwark.registry.enabled'));
    const yamlValidation: { fileMatch: string[]; url: string }[] = pkg.contributes.yamlValidation;
    const entry = yamlValidation.find((v) => v.fileMatch.includes('.bulwark.yaml') && v.fileMatch.includes('.bulwark.yml'));
    assert.ok(entry);
    assert.ok(fs.existsSync(path.join(root, entry.url)), entry.url);
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes(`!${path.posix.normalize(entry.url)}`), 'the schema is not excluded from the .vsix');
  });
});
