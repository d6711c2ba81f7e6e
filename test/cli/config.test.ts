/**
 * Configuration in `bulwark lint`, run as users run it (the BUILT dist/cli.js; BULWARK_DIST names a private build), on
 * temporary project trees: `.bulwark.yaml` (nested, `root: true`, `exclude`, `failOn`), `.hadolint.yaml`, `--config`,
 * the configuration flags, BuildKit's `# check=` directive, and configuration problems in every output format.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type * as Sarif from 'sarif';
import { SaxesParser } from 'saxes';
import { makeTree, runCli, runCliJson, writeTree } from '../helpers/cli';
import type { CliJsonReport } from '../helpers/cli';

/** no-sudo (error), image-not-pinned and no-root-user (warnings), no-healthcheck (info). */
const SUDO = 'FROM debian:12\nRUN sudo true\n';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function tree(files: Record<string, string>): string {
  const dir = makeTree(files, 'bulwark-cliconf-');
  dirs.push(dir);
  return dir;
}

/** `[path, rule, severity]` of every finding. */
function findings(report: CliJsonReport): string[][] {
  return report.files.flatMap((f) => f.findings.map((x) => [f.path, x.rule, x.severity]));
}
function severityOf(report: CliJsonReport, file: string, rule: string): string | undefined {
  return report.files.find((f) => f.path === file)?.findings.find((x) => x.rule === rule)?.severity;
}

describe('bulwark lint reads .bulwark.yaml', () => {
  it('changes the findings and the exit code; flags override it', () => {
    const dir = tree({ Dockerfile: SUDO });
    let r = runCliJson(['.'], { cwd: dir });
    assert.equal(r.status, 1, 'no-sudo is an error by default');
    assert.equal(severityOf(r.report, 'Dockerfile', 'no-sudo'), 'error');
    assert.equal(r.report.configProblems, undefined, 'no configuration, no configProblems key');

    writeTree(dir, { '.bulwark.yaml': 'rules:\n  no-sudo: off\n  DL3002: info\n' });
    r = runCliJson(['.'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(severityOf(r.report, 'Dockerfile', 'no-sudo'), undefined);
    assert.equal(severityOf(r.report, 'Dockerfile', 'no-root-user'), 'info', 'an alias (DL3002) names the rule');

    writeTree(dir, { '.bulwark.yaml': 'rules:\n  no-sudo: off\nfailOn: warning\n' });
    assert.equal(runCliJson(['.'], { cwd: dir }).status, 1, 'failOn: warning fails on the warnings');
    assert.equal(runCliJson(['--fail-on', 'error', '.'], { cwd: dir }).status, 0, '--fail-on is over failOn');
    assert.equal(runCliJson(['--fail-on', 'none', '--rule', 'no-sudo=error', '.'], { cwd: dir }).status, 0, '--fail-on none never fails');

    r = runCliJson(['--rule', 'no-sudo=error', '--rule', 'DL3002=off', '.'], { cwd: dir });
    assert.equal(severityOf(r.report, 'Dockerfile', 'no-sudo'), 'error', '--rule is over the file');
    assert.equal(severityOf(r.report, 'Dockerfile', 'no-root-user'), undefined);
    assert.equal(r.status, 1);
  });

  it('--trusted-registry and trustedRegistries turn on untrusted-registry', () => {
    const dir = tree({ Dockerfile: 'FROM quay.io/org/app:1.2\nUSER 1000\n' });
    assert.equal(severityOf(runCliJson(['.'], { cwd: dir }).report, 'Dockerfile', 'untrusted-registry'), undefined);
    assert.equal(severityOf(runCliJson(['--trusted-registry', 'docker.io', '.'], { cwd: dir }).report, 'Dockerfile', 'untrusted-registry'), 'error');
    writeTree(dir, { '.bulwark.yaml': 'trustedRegistries: [docker.io]\n' });
    assert.equal(severityOf(runCliJson(['.'], { cwd: dir }).report, 'Dockerfile', 'untrusted-registry'), 'error');
    assert.equal(
      severityOf(runCliJson(['--trusted-registry', 'quay.io', '.'], { cwd: dir }).report, 'Dockerfile', 'untrusted-registry'),
      undefined,
      'the flag replaces the configured list',
    );
  });

  it('nested configuration in a monorepo: the nearest file wins, root: true stops the search', () => {
    const dir = tree({
      '.bulwark.yaml': 'rules:\n  no-sudo: off\n  no-healthcheck: off\n',
      'svc-a/.bulwark.yaml': 'rules:\n  no-sudo: warning\n',
      'svc-a/Dockerfile': SUDO,
      'svc-b/.bulwark.yaml': 'root: true\nfailOn: info\n',
      'svc-b/Dockerfile': SUDO,
      'svc-c/Dockerfile': SUDO,
    });
    const r = runCliJson(['.'], { cwd: dir });
    assert.equal(severityOf(r.report, 'svc-a/Dockerfile', 'no-sudo'), 'warning');
    assert.equal(severityOf(r.report, 'svc-a/Dockerfile', 'no-healthcheck'), undefined, 'the root file still applies below svc-a');
    assert.equal(severityOf(r.report, 'svc-b/Dockerfile', 'no-sudo'), 'error', 'root: true: the root file is not read');
    assert.equal(severityOf(r.report, 'svc-b/Dockerfile', 'no-healthcheck'), 'info');
    assert.equal(severityOf(r.report, 'svc-c/Dockerfile', 'no-sudo'), undefined);
    assert.equal(r.status, 1, 'svc-b fails (its failOn info and its own no-sudo error)');
  });

  it('each file has its own failOn: only the strict folder fails', () => {
    const dir = tree({ 'lax/Dockerfile': 'FROM debian:12\n', 'strict/Dockerfile': 'FROM debian:12\n', 'strict/.bulwark.yaml': 'failOn: warning\n' });
    // Both files have the same warnings and no error.
    assert.equal(runCliJson(['lax'], { cwd: dir }).status, 0);
    assert.equal(runCliJson(['strict'], { cwd: dir }).status, 1);
    assert.equal(runCliJson(['.'], { cwd: dir }).status, 1);
  });

  it('the project root is the nearest folder holding .git: configuration above the current folder applies', () => {
    const dir = tree({ '.bulwark.yaml': 'rules:\n  no-sudo: off\n', 'svc/Dockerfile': SUDO });
    const svc = path.join(dir, 'svc');
    assert.equal(severityOf(runCliJson(['.'], { cwd: svc }).report, 'Dockerfile', 'no-sudo'), 'error', 'no .git: the current folder is the root');
    fs.mkdirSync(path.join(dir, '.git'));
    assert.equal(severityOf(runCliJson(['.'], { cwd: svc }).report, 'Dockerfile', 'no-sudo'), undefined, 'with .git above, the root file applies');
  });

  it('exclude: skipped when a folder is searched, linted when named', () => {
    const dir = tree({
      '.bulwark.yaml': 'exclude: [vendor, "**/*.generated.Dockerfile"]\n',
      'Dockerfile': SUDO,
      'vendor/lib/Dockerfile': SUDO,
      'svc/app.generated.Dockerfile': SUDO,
    });
    const walked = runCliJson(['.'], { cwd: dir });
    assert.deepEqual(
      walked.report.files.map((f) => f.path),
      ['Dockerfile'],
    );
    const named = runCliJson(['vendor/lib/Dockerfile', 'svc/app.generated.Dockerfile'], { cwd: dir });
    assert.deepEqual(
      named.report.files.map((f) => f.path),
      ['svc/app.generated.Dockerfile', 'vendor/lib/Dockerfile'],
    );
    const onlyExcluded = runCli(['lint', 'vendor'], { cwd: dir });
    assert.equal(onlyExcluded.status, 0);
    assert.match(onlyExcluded.stderr, /^bulwark: warning: vendor: nothing linted: the 1 file found is excluded by the configuration \(exclude\)$/m);
    // Standard input is always linted.
    const stdin = runCliJson(['--stdin-filename', 'vendor/Dockerfile', '-'], { cwd: dir, input: SUDO });
    assert.equal(stdin.report.files.length, 1);
  });

  it('standard input uses the configuration of its --stdin-filename, or of the current folder', () => {
    const dir = tree({ '.bulwark.yaml': 'rules:\n  no-sudo: off\n', 'svc/.bulwark.yaml': 'rules:\n  no-sudo: info\n' });
    assert.equal(severityOf(runCliJson(['-'], { cwd: dir, input: SUDO }).report, '<stdin>', 'no-sudo'), undefined);
    assert.equal(severityOf(runCliJson(['--stdin-filename', 'svc/Dockerfile', '-'], { cwd: dir, input: SUDO }).report, 'svc/Dockerfile', 'no-sudo'), 'info');
  });

  it('rejects malformed configuration flags as usage errors', () => {
    const dir = tree({ Dockerfile: SUDO });
    for (const [args, message] of [
      [['--rule', 'no-sudo'], /invalid --rule "no-sudo": expected <rule>=<error\|warning\|info\|off>/],
      [['--rule', 'no-sduo=off'], /unknown rule "no-sduo"/],
      [['--rule', 'no-sudo=loud'], /severity "loud" is not one of/],
      [['--fail-on', 'never'], /invalid --fail-on "never"/],
      [['--config', 'missing.yaml'], /cannot read --config "missing.yaml": no such file/],
      [['--config', '.'], /--config "\." is not a file/],
    ] as [string[], RegExp][]) {
      const r = runCli(['lint', ...args, '.'], { cwd: dir });
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
  });
});

describe('bulwark lint reads .hadolint.yaml', () => {
  it('ignored, override, failure-threshold and disable-ignore-pragma through the aliases', () => {
    const dockerfile = 'FROM debian:12\n# hadolint ignore=DL3002\nUSER root\nRUN sudo true\n';
    const dir = tree({ Dockerfile: dockerfile });
    let r = runCliJson(['.'], { cwd: dir });
    assert.equal(severityOf(r.report, 'Dockerfile', 'no-sudo'), 'error');
    assert.equal(severityOf(r.report, 'Dockerfile', 'no-root-user'), undefined, 'the pragma is honoured by default');

    writeTree(dir, { '.hadolint.yaml': 'ignored: [DL3004]\noverride:\n  error: [DL3057]\n' });
    r = runCliJson(['.'], { cwd: dir });
    assert.equal(severityOf(r.report, 'Dockerfile', 'no-sudo'), undefined, 'ignored: DL3004 is no-sudo');
    assert.equal(severityOf(r.report, 'Dockerfile', 'no-healthcheck'), 'error', 'override: DL3057 is no-healthcheck');
    assert.equal(r.status, 1);

    writeTree(dir, { '.hadolint.yaml': 'ignored: [DL3004]\nfailure-threshold: warning\n' });
    assert.equal(runCliJson(['.'], { cwd: dir }).status, 1, 'failure-threshold: warning fails on image-not-pinned');
    writeTree(dir, { '.hadolint.yaml': 'ignored: [DL3004]\nfailure-threshold: error\n' });
    assert.equal(runCliJson(['.'], { cwd: dir }).status, 0);

    writeTree(dir, { '.hadolint.yaml': 'disable-ignore-pragma: true\n' });
    r = runCliJson(['.'], { cwd: dir });
    assert.equal(severityOf(r.report, 'Dockerfile', 'no-root-user'), 'warning', 'the pragma is not honoured any more');

    // A .bulwark.yaml beside it wins, key by key.
    writeTree(dir, { '.hadolint.yaml': 'ignored: [DL3004]\nfailure-threshold: warning\n', '.bulwark.yaml': 'failOn: error\n' });
    r = runCliJson(['.'], { cwd: dir });
    assert.equal(severityOf(r.report, 'Dockerfile', 'no-sudo'), undefined);
    assert.equal(r.status, 0);
  });
});

describe('bulwark lint --config', () => {
  it('uses the file instead of the discovered ones; a hadolint file by name', () => {
    const dir = tree({
      '.bulwark.yaml': 'rules:\n  no-sudo: off\n',
      'svc/.hadolint.yaml': 'ignored: [DL3002]\n',
      'svc/Dockerfile': SUDO,
      'ci/strict.yaml': 'failOn: info\nrules:\n  no-healthcheck: off\nexclude: [legacy]\n',
      'ci/hadolint.yaml': 'ignored: [DL3004]\n',
      'legacy/Dockerfile': SUDO,
    });
    let r = runCliJson(['.'], { cwd: dir });
    assert.equal(severityOf(r.report, 'svc/Dockerfile', 'no-sudo'), undefined);
    assert.equal(severityOf(r.report, 'svc/Dockerfile', 'no-root-user'), undefined);

    r = runCliJson(['--config', 'ci/strict.yaml', '.'], { cwd: dir });
    assert.equal(severityOf(r.report, 'svc/Dockerfile', 'no-sudo'), 'error', 'the discovered .bulwark.yaml is not read');
    assert.equal(severityOf(r.report, 'svc/Dockerfile', 'no-root-user'), 'warning', 'nor the discovered .hadolint.yaml');
    assert.equal(severityOf(r.report, 'svc/Dockerfile', 'no-healthcheck'), undefined, 'the explicit file is');
    assert.deepEqual(r.report.files.map((f) => f.path), ['svc/Dockerfile'], 'its exclude globs are relative to the project root');

    r = runCliJson(['-c', 'ci/hadolint.yaml', 'svc'], { cwd: dir });
    assert.deepEqual(findings(r.report).filter(([, rule]) => rule === 'no-sudo'), []);
    assert.equal(severityOf(r.report, 'svc/Dockerfile', 'no-root-user'), 'warning');
  });

  it('an explicit file with an error fails the run even when nothing is linted', () => {
    const dir = tree({ 'bulwark.yaml': 'failOn: sometimes\n', 'empty/README': 'x\n' });
    const r = runCli(['lint', '--config', 'bulwark.yaml', 'empty'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^bulwark: config error: bulwark\.yaml:1:9: /m);
  });
});

describe('BuildKit # check= directive in the CLI', () => {
  const body = 'FROM debian:12\nENV A b\nCMD node app.js\n';
  it('skip= silences the named checks; error=true makes the BuildKit checks errors (exit 1)', () => {
    const dir = tree({ Dockerfile: body, 'skip/Dockerfile': `# check=skip=JSONArgsRecommended;error=true\n${body}` });
    let r = runCliJson(['Dockerfile'], { cwd: dir });
    assert.equal(severityOf(r.report, 'Dockerfile', 'json-args'), 'warning');
    assert.equal(severityOf(r.report, 'Dockerfile', 'legacy-env-format'), 'info');
    assert.equal(r.status, 0);
    r = runCliJson(['skip'], { cwd: dir });
    assert.equal(severityOf(r.report, 'skip/Dockerfile', 'json-args'), undefined);
    assert.equal(severityOf(r.report, 'skip/Dockerfile', 'legacy-env-format'), 'error');
    assert.equal(severityOf(r.report, 'skip/Dockerfile', 'image-not-pinned'), 'warning', 'a rule BuildKit does not have keeps its severity');
    assert.equal(r.status, 1);
  });
});

describe('configuration problems in every format', () => {
  // Line 2: an invalid severity (error); line 3: an unknown rule (warning).
  const broken = 'rules:\n  no-sudo: loud\n  no-sduo: off\n';
  const files = { '.bulwark.yaml': broken, 'Dockerfile': 'FROM debian:12\nUSER 1000\n' };
  const ERROR_AT = /\.bulwark\.yaml:2:12: `loud` is not a valid value for `rules\.no-sudo`/;

  it('text: each problem on stderr with its place and severity; an error exits 2, even with --exit-zero', () => {
    const dir = tree(files);
    const r = runCli(['lint', '.'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, new RegExp(`^bulwark: config error: ${ERROR_AT.source}`, 'm'));
    assert.match(r.stderr, /^bulwark: config warning: \.bulwark\.yaml:3:3: Unknown rule `no-sduo`.*did you mean `no-sudo`\?/m);
    assert.match(r.stdout, /in 1 file/, 'the files are still linted and reported');
    assert.equal(runCli(['lint', '--exit-zero', '.'], { cwd: dir }).status, 2);
  });

  it('a warning alone is reported and does not change the exit code', () => {
    const dir = tree({ ...files, '.bulwark.yaml': 'rules:\n  no-sduo: off\n' });
    const r = runCliJson(['.'], { cwd: dir });
    assert.equal(r.status, 0);
    assert.deepEqual(
      r.report.configProblems?.map((p) => [p.path, p.severity, p.line, p.column]),
      [['.bulwark.yaml', 'warning', 2, 3]],
    );
  });

  it('a YAML syntax error is an error at its place', () => {
    const dir = tree({ ...files, '.hadolint.yaml': 'ignored: [DL3004\n' });
    const r = runCliJson(['.'], { cwd: dir });
    assert.equal(r.status, 2);
    const p = r.report.configProblems?.find((x) => x.path === '.hadolint.yaml');
    assert.ok(p, JSON.stringify(r.report.configProblems));
    assert.equal(p.severity, 'error');
    assert.match(p.message, /ignored until it parses/);
  });

  it('json: configProblems, 1-based with an exclusive end; files as before', () => {
    const dir = tree(files);
    const r = runCliJson(['.'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.deepEqual(Object.keys(r.report), ['version', 'files', 'configProblems']);
    assert.equal(r.report.files[0].path, 'Dockerfile');
    const [error, warning] = r.report.configProblems ?? [];
    assert.deepEqual({ ...error, message: '' }, { path: '.bulwark.yaml', severity: 'error', message: '', line: 2, column: 12, endLine: 2, endColumn: 16 });
    assert.equal(warning.severity, 'warning');
    assert.equal(warning.line, 3);
  });

  it('sarif: toolConfigurationNotifications located in the file, executionSuccessful false, exit code 2', () => {
    const dir = tree(files);
    const r = runCli(['lint', '--format', 'sarif', '.'], { cwd: dir });
    assert.equal(r.status, 2);
    const inv = (JSON.parse(r.stdout) as Sarif.Log).runs[0].invocations?.[0];
    assert.equal(inv?.executionSuccessful, false);
    assert.equal(inv?.exitCode, 2);
    const notes = inv?.toolConfigurationNotifications ?? [];
    assert.deepEqual(
      notes.map((n) => [n.level, n.locations?.[0].physicalLocation?.artifactLocation, n.locations?.[0].physicalLocation?.region]),
      [
        ['error', { uri: '.bulwark.yaml', uriBaseId: '%SRCROOT%' }, { startLine: 2, startColumn: 12, endLine: 2, endColumn: 16 }],
        ['warning', { uri: '.bulwark.yaml', uriBaseId: '%SRCROOT%' }, { startLine: 3, startColumn: 3, endLine: 3, endColumn: 10 }],
      ],
    );
    assert.match(notes[0].message.text ?? '', /`loud` is not a valid value/);

    // Warnings only: the run is successful.
    fs.writeFileSync(path.join(dir, '.bulwark.yaml'), 'rules:\n  no-sduo: off\n');
    const ok = runCli(['lint', '--format', 'sarif', '.'], { cwd: dir });
    const okInv = (JSON.parse(ok.stdout) as Sarif.Log).runs[0].invocations?.[0];
    assert.equal(okInv?.executionSuccessful, true);
    assert.equal(okInv?.toolConfigurationNotifications?.length, 1);
  });

  it('github: an annotation on the configuration file per problem', () => {
    const dir = tree(files);
    const r = runCli(['lint', '--format', 'github', '.'], { cwd: dir });
    assert.equal(r.status, 2);
    const lines = r.stdout.split('\n');
    assert.ok(lines.includes('::error file=.bulwark.yaml,line=2,endLine=2,col=12,endColumn=16,title=bulwark-config::`loud` is not a valid value for `rules.no-sudo`: use error, warning, info or off.'), r.stdout);
    assert.ok(lines.some((l) => l.startsWith('::warning file=.bulwark.yaml,line=3,endLine=3,col=3,endColumn=10,title=bulwark-config::Unknown rule')), r.stdout);
    assert.ok(lines.includes('Bulwark: 2 configuration problems (1 error).'));
  });

  it('junit: a test case in error for the configuration file', () => {
    const dir = tree(files);
    const r = runCli(['lint', '--format', 'junit', '.'], { cwd: dir });
    assert.equal(r.status, 2);
    // Well-formed XML.
    const parser = new SaxesParser();
    parser.write(r.stdout).close();
    const m = /<testcase name="configuration \.bulwark\.yaml"[^>]*>\s*<error message="([^"]*)" type="config">([^<]*)<\/error>/.exec(r.stdout);
    assert.ok(m, r.stdout);
    assert.match(m[1], /`loud` is not a valid value/);
    assert.match(m[2], /\.bulwark\.yaml:2:12: error: /);
    assert.match(m[2], /\.bulwark\.yaml:3:3: warning: Unknown rule/);
    assert.match(r.stdout, /<testsuites name="Bulwark" tests="\d+" failures="0" errors="1"/);
  });
});
