/**
 * The SARIF that `bulwark lint --format sarif` writes, checked by Microsoft's SARIF validator (`sarif-multitool
 * validate`, from the @microsoft/sarif-multitool devDependency, whose platform package ships a self-contained .NET
 * binary) with its SARIF rules and its GitHub Advanced Security rules (`--rule-kind "Sarif;Ghas"`: what GitHub code
 * scanning needs), at every level, notes included.
 *
 * Verdict required: no error, no warning; notes only from the list below, each with the reason it does not apply.
 *
 * Environment: DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 (the validator needs no culture data, and machines without ICU
 * could not start it otherwise). SARIF2006 (are the URIs reachable?) is turned off through a policy file: it fetches
 * every help URI, and the test must not depend on the network (the validator then adds a configuration notice,
 * WRN999 "rule explicitly disabled", which is expected).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type * as Sarif from 'sarif';

function findRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'bulwark') return dir;
    if (path.dirname(dir) === dir) throw new Error('repository root not found');
  }
}

const ROOT = findRoot();
const CLI = process.env.BULWARK_DIST ? path.resolve(process.env.BULWARK_DIST, 'cli.js') : path.join(ROOT, 'dist', 'cli.js');

/**
 * The validator's notes that do not apply to Bulwark, and why. Any other note, and any warning or error, fails.
 */
const ACCEPTED_NOTES: Record<string, string> = {
  // "Provide message arguments": SARIF's templated messages (rule messageStrings + result arguments). Each finding's
  // message is a sentence its rule writes for that finding; GitHub shows message.text (GH1007 requires it) anyway.
  SARIF2002: 'messages are complete sentences, not templates',
  // "Provide versionControlProvenance": the repository and commit are the CI uploader's business
  // (github/codeql-action/upload-sarif records them); the CLI does not read .git.
  SARIF2003: 'the uploader records the commit',
  // "Use conventional rule ids" (like CS2001): Bulwark's ids are kebab-case names, the product's contract (used in
  // suppression comments and configuration).
  SARIF2009: 'rule ids are kebab-case names by design',
  // "Provide code snippets" and "provide a context region": deliberately absent, since a finding may sit on a secret
  // (GitHub shows the code from the repository itself).
  SARIF2010: 'no snippets: a finding may sit on a secret',
  SARIF2011: 'no context snippets: a finding may sit on a secret',
};

const POLICY = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
`;

/** The validator binary, or why it cannot run here. */
function validator(): { exe?: string; reason?: string } {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return { reason: `the validator's binary in the npm package is for linux-x64 (this is ${process.platform}-${process.arch})` };
  }
  let exe: string;
  try {
    exe = require('@microsoft/sarif-multitool') as string;
  } catch (e) {
    return { reason: `@microsoft/sarif-multitool is not installed: ${(e as Error).message}` };
  }
  try {
    fs.accessSync(exe, fs.constants.X_OK);
  } catch {
    // Its postinstall script does this; `npm ci --ignore-scripts` skips it.
    fs.chmodSync(exe, 0o755);
  }
  return { exe };
}

let tmp: string;

before(() => {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-sarif-')));
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function bulwarkSarif(args: string[], cwd: string, input = ''): string {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'sarif', ...args], { cwd, encoding: 'utf8', timeout: 60_000, input });
  if (r.error) throw r.error;
  assert.ok(r.stdout.startsWith('{'), `no SARIF on stdout: ${r.stderr}`);
  return r.stdout;
}

interface Verdict {
  errors: string[];
  warnings: string[];
  notes: Map<string, number>;
  configuration: string[];
  log: Sarif.Log;
}

function validate(exe: string, files: string[]): Verdict {
  const policy = path.join(tmp, 'policy.xml');
  fs.writeFileSync(policy, POLICY);
  const out = path.join(tmp, 'validation.sarif');
  const r = spawnSync(
    exe,
    [
      'validate',
      ...files,
      ['--output', out],
      ['--log', 'ForceOverwrite'],
      ['--level', 'Error;Warning;Note'], // notes too
      ['--rule-kind', 'Sarif;Ghas'], // the SARIF rules and GitHub Advanced Security's
      ['--config', policy],
    ].flat(),
    { encoding: 'utf8', timeout: 300_000, env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' } },
  );
  if (r.error) throw r.error;
  assert.ok(fs.existsSync(out), `the validator wrote no log (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8').replace(/^\ufeff/, '')) as Sarif.Log;
  const verdict: Verdict = { errors: [], warnings: [], notes: new Map(), configuration: [], log };
  for (const run of log.runs) {
    for (const res of run.results ?? []) {
      const where = res.locations?.[0]?.physicalLocation?.region?.startLine;
      const line = `${res.ruleId} (line ${where}): ${res.message.text ?? res.message.id} ${JSON.stringify(res.message.arguments ?? [])}`;
      if (res.level === 'error') verdict.errors.push(line);
      else if (res.level === 'note') verdict.notes.set(res.ruleId ?? '?', (verdict.notes.get(res.ruleId ?? '?') ?? 0) + 1);
      else verdict.warnings.push(line); // 'warning' is the default level
    }
    for (const inv of run.invocations ?? []) {
      for (const n of [...(inv.toolConfigurationNotifications ?? []), ...(inv.toolExecutionNotifications ?? [])]) {
        verdict.configuration.push(`${n.descriptor?.id ?? '?'}: ${n.message.text}`);
      }
      assert.equal(inv.executionSuccessful, true, `the validator failed:\n${r.stdout}\n${r.stderr}`);
    }
  }
  return verdict;
}

/** The SARIF logs under test (written to files in `tmp`), built once. */
let logFiles: string[] = [];

/**
 * The richest runs we have: every example and fixture with every rule (secrets, fixes, off-by-default rules,
 * multi-line findings), a clean run without results, a run with unreadable input (notifications, unsuccessful),
 * standard input with and without a name, paths that need percent-encoding and UTF-16 columns, and configuration
 * files with problems (located configuration notifications, unsuccessful).
 */
function buildLogs(): string[] {
  if (logFiles.length) return logFiles;
  const odd = path.join(tmp, 'repo');
  fs.mkdirSync(path.join(odd, 'my dir', 'ü#1'), { recursive: true });
  const dockerfile = 'FROM debian:12\nENV API_TOKEN abcdefghijklmnop\nRUN echo "\u{1f600}" && sudo true\nMAINTAINER me\n';
  fs.writeFileSync(path.join(odd, 'my dir', 'ü#1', 'Dockerfile'), dockerfile);
  // Configuration problems (an error, a warning, a YAML syntax error): toolConfigurationNotifications with locations.
  const configured = path.join(tmp, 'configured');
  fs.mkdirSync(path.join(configured, 'svc'), { recursive: true });
  fs.writeFileSync(path.join(configured, '.bulwark.yaml'), 'rules:\n  no-sudo: loud\n  no-sduo: off\n');
  fs.writeFileSync(path.join(configured, 'svc', '.hadolint.yaml'), 'ignored: [DL3004\n');
  fs.writeFileSync(path.join(configured, 'svc', 'Dockerfile'), dockerfile);
  const logs: [string, string][] = [
    ['all.sarif', bulwarkSarif(['--all-rules', 'examples', 'test/fixtures/cli', 'test/fixtures/cli/explicit/build-steps.txt'], ROOT)],
    ['clean.sarif', bulwarkSarif(['test/fixtures/cli/clean'], ROOT)],
    ['unreadable.sarif', bulwarkSarif(['test/fixtures/cli/clean', 'no/such/Dockerfile'], ROOT)],
    ['stdin.sarif', bulwarkSarif(['-'], ROOT, 'FROM debian\nRUN sudo true\n')],
    ['stdin-named.sarif', bulwarkSarif(['--stdin-filename', 'svc/Dockerfile', '-'], ROOT, 'FROM debian\nRUN sudo true\n')],
    ['odd-paths.sarif', bulwarkSarif(['--all-rules', '.'], odd)],
    ['config-problems.sarif', bulwarkSarif(['.'], configured)],
  ];
  const all = JSON.parse(logs[0][1]) as Sarif.Log;
  assert.ok((all.runs[0].results?.length ?? 0) > 100, 'the big log has many results');
  assert.ok(all.runs[0].results?.some((x) => x.fixes), 'and some fixes');
  const configInvocation = (JSON.parse(logs[logs.length - 1][1]) as Sarif.Log).runs[0].invocations?.[0];
  assert.equal(configInvocation?.toolConfigurationNotifications?.length, 3, 'the configuration problems are in the log');
  logFiles = logs.map(([name, text]) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    return file;
  });
  return logFiles;
}

describe("SARIF output: Microsoft's SARIF validator (SARIF and GitHub rules)", () => {
  it('no errors, no warnings, only the accepted notes', (t) => {
    const { exe, reason } = validator();
    if (!exe) {
      t.skip(reason);
      return;
    }
    const verdict = validate(exe, buildLogs());
    assert.deepEqual(verdict.errors, [], 'validator errors');
    assert.deepEqual(verdict.warnings, [], 'validator warnings');
    const unexpected = [...verdict.notes.keys()].filter((id) => !(id in ACCEPTED_NOTES));
    assert.deepEqual(unexpected, [], `notes not accepted: ${JSON.stringify([...verdict.notes])}`);
    assert.deepEqual(
      verdict.configuration.filter((c) => !/^WRN999\.RuleExplicitlyDisabled: .*SARIF2006/.test(c)),
      [],
      'no configuration or execution notices besides the disabled network rule',
    );
    t.diagnostic(`validator notes (accepted): ${JSON.stringify(Object.fromEntries(verdict.notes))}`);
  });

  it('the validator does catch a broken log (the test can fail)', (t) => {
    const { exe, reason } = validator();
    if (!exe) {
      t.skip(reason);
      return;
    }
    const log = JSON.parse(bulwarkSarif(['test/fixtures/cli/project'], ROOT)) as Sarif.Log;
    const run = log.runs[0];
    delete (run.results![0].locations![0].physicalLocation as Partial<Sarif.PhysicalLocation>).region;
    delete (run.tool.driver.rules![0] as Partial<Sarif.ReportingDescriptor>).help;
    run.results![1].message = { id: 'default' };
    (run.results![2] as unknown as Record<string, unknown>).bogus = true;
    const file = path.join(tmp, 'broken.sarif');
    fs.writeFileSync(file, JSON.stringify(log));
    const verdict = validate(exe, [file]);
    const ids = new Set(verdict.errors.map((e) => e.split(' ')[0]));
    for (const id of ['GH1015', 'GH2012', 'SARIF1012', 'JSON1005']) assert.ok(ids.has(id), `${id} in ${[...ids].join(', ')}`);
  });

  // The validator's own schema check lets some things through (an unknown `level`, a `startLine` of 0): check the
  // logs against the SARIF 2.1.0 schema it ships with, strictly, too.
  it('the logs satisfy the SARIF 2.1.0 JSON schema (ajv, formats checked)', (t) => {
    const { exe, reason } = validator();
    if (!exe) {
      t.skip(reason);
      return;
    }
    const schema = JSON.parse(fs.readFileSync(path.join(path.dirname(exe), 'sarif-2.1.0.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    // A relative reference: no characters RFC 3986 forbids, percent signs only as escapes.
    ajv.addFormat('uri-reference', (s: string) => /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/.test(s));
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    ajv.addFormat('uuid', (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s));
    const check = ajv.compile(schema);
    for (const file of buildLogs()) {
      const ok = check(JSON.parse(fs.readFileSync(file, 'utf8')));
      assert.ok(ok, `${path.basename(file)}: ${JSON.stringify(check.errors?.slice(0, 5), null, 1)}`);
    }
    // The check bites: an unknown level, a line 0 and a raw space in a URI are refused.
    const log = JSON.parse(fs.readFileSync(buildLogs()[0], 'utf8')) as Sarif.Log;
    const res = log.runs[0].results![0];
    (res as { level: string }).level = 'fatal';
    res.locations![0].physicalLocation!.region!.startLine = 0;
    res.locations![0].physicalLocation!.artifactLocation!.uri = 'my dir/Dockerfile';
    assert.equal(check(log), false);
    assert.deepEqual(new Set(check.errors?.map((e) => e.keyword)), new Set(['enum', 'minimum', 'format']));
  });
});
