/**
 * The `bulwark` command. Bundled to dist/cli.js (bin/bulwark.js requires it).
 *
 *   bulwark lint [options] [paths…]   (also `bulwark [options] <paths…>`; --fix / --fix-dry-run apply safe fixes)
 *   bulwark lint [--stdin-filename <path>] -   (standard input)
 *   bulwark rules [--format text|json]
 *   bulwark pin [--dry-run] [--refresh] [paths…]   (pin.ts: pins image references to digests; uses the network)
 *
 * Formats: text (format.ts), json (format.ts), sarif (sarif.ts), github (github.ts), junit (junit.ts).
 *
 * Configuration: config.ts (the core's resolveConfig per file; flags are the top layer).
 *
 * Exit codes: 0 clean (or --exit-zero), 1 a finding at or above each file's failOn (--fail-on), 2 usage error,
 * unreadable input or an error in a configuration file.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { parseArgs } from 'node:util';
import { allRules, analyze, detectKind, fixAll, initializeCore, ShellParseCache } from '../core';
import type { AnalysisResult, AnalyzeOptions, ConfigSettings, FailOn, FileCreation, FileKind, Host, Severity } from '../core';
import { CliConfig, failRank, problemLocation, readConfigOptions } from './config';
import { unifiedDiff } from './diff';
import { DISCOVERED_KINDS, describeFsError, discover, displayPath } from './discovery';
import type { Problem } from './discovery';
import { formatJson, formatText, painter, plural } from './format';
import type { FileReport, FixReport } from './format';
import { formatGithub } from './github';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { runPin } from './pin';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const FORMATS = ['text', 'json', 'sarif', 'github', 'junit'] as const;
type Format = (typeof FORMATS)[number];
const RULES_FORMATS = ['text', 'json'];
/** The positional that names standard input. */
const STDIN = '-';
/** How standard input is printed without --stdin-filename. */
const STDIN_NAME = '<stdin>';
const FAIL_LEVELS: FailOn[] = ['error', 'warning', 'info', 'none'];
const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
/** Bytes looked at for NUL to tell a binary file. */
const BINARY_SNIFF_BYTES = 8192;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'all-rules': { type: 'boolean' },
  'fail-on': { type: 'string' },
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  'trusted-registry': { type: 'string', multiple: true },
  'stdin-filename': { type: 'string' },
  'exit-zero': { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const COMMANDS = ['lint', 'rules', 'help'];

const MAIN_HELP = `Usage: bulwark lint [options] [paths...]
       bulwark lint [options] [--stdin-filename <path>] -
       bulwark rules [--format text|json]
       bulwark pin [--dry-run] [--refresh] [paths...]
       bulwark --help | --version

Finds security mistakes in Dockerfiles and Docker Compose files.

Commands:
  lint [paths...]   Lint files and folders (default: the current folder). Folders are
                    searched recursively for Dockerfile, *.Dockerfile, Dockerfile.*,
                    Containerfile and Compose files ([docker-]compose.yaml or .yml and
                    variants such as compose.prod.yaml), skipping node_modules and .git
                    and not following symlinked folders. A file named explicitly is linted
                    whatever its name. "-" reads standard input. "bulwark <path>..." is
                    short for "bulwark lint <path>...".
  rules             List the rules, their default severity and category.
  pin [paths...]    Pin image references in Dockerfiles and Compose files to the digest
                    their tag has now (asks the registries; "bulwark pin --help").

Options:
  -f, --format <format>            Output format (default: text):
                                   text    path:line:col  severity  message  [rule]
                                   json    one line: {"version":1,"files":[{"path","kind",
                                           "findings":[...]}]}
                                   sarif   SARIF 2.1.0 (GitHub code scanning)
                                   github  GitHub Actions annotations (::error file=...::...)
                                   junit   JUnit XML (GitLab and other CI test reports)
      --stdin-filename <path>      With "-": the path standard input stands for (its kind,
                                   the folder its .dockerignore is looked up in, the path
                                   reported). Default: a Dockerfile named <stdin>.
  -c, --config <file>              Use this configuration file instead of the .bulwark.yaml and
                                   .hadolint.yaml files found near each file (a file named
                                   *hadolint* is read as hadolint's).
      --rule <rule>=<severity>     Set a rule's severity (error, warning, info, off); repeatable.
      --trusted-registry <glob>    Registries base images may come from; repeatable.
      --all-rules                  Also run the rules that are off by default.
      --fail-on <error|warning|info|none>
                                   Lowest severity that makes the exit code 1 (default: the
                                   configuration's failOn, else error).
      --exit-zero                  Exit 0 even when problems are found (usage errors, unreadable
                                   input and configuration errors still exit 2).
      --fix                        Apply the safe fixes in place, then report what remains.
      --fix-dry-run                Print the safe fixes as a unified diff; write nothing.
      --color, --no-color          Force or disable colour (default: colour when stdout is a
                                   terminal and NO_COLOR is not set).
  -h, --help                       Show this help ("bulwark lint --help" for lint only).
  -v, --version                    Show the version.

Configuration: each file uses the .bulwark.yaml files from its folder up to the project
root (the nearest folder above the current one holding .git, else the current folder) and
the nearest .hadolint.yaml; the options above override them. See docs/cli.md.

Exit codes:
  0  no problem at or above the --fail-on severity
  1  problems at or above the --fail-on severity
  2  usage error, a path that cannot be read, or an error in a configuration file
`;

const LINT_HELP = `Usage: bulwark lint [options] [paths...]

Lints Dockerfiles and Compose files. Each path is a file (linted whatever its name) or a
folder, searched recursively for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile and
Compose files ([docker-]compose.yaml or .yml and variants such as compose.prod.yaml;
node_modules and .git are skipped; symlinked folders are not followed), or "-" for standard
input.
Default path: the current folder.

Options:
  -f, --format <format>            Output format (default: text).
                                   text: "path:line:col  severity  message  [rule]" per problem,
                                         grouped by file, then a summary line.
                                   json: one line, {"version":1,"files":[{"path","kind",
                                         "findings":[{"rule","severity","message","line","column",
                                         "endLine","endColumn","fixable"}]}]}; 1-based positions,
                                         endColumn exclusive; files without findings included.
                                   sarif: SARIF 2.1.0 for GitHub code scanning: the rules that
                                         ran with their help, results with paths relative to
                                         the current folder, partial fingerprints, safe fixes.
                                   github: a GitHub Actions workflow command per problem
                                         (::error/::warning/::notice file=,line=,col=,title=).
                                   junit: JUnit XML: a testsuite per file, a testcase per rule
                                         that ran; it fails for problems at or above --fail-on.
      --stdin-filename <path>      With "-": the path standard input stands for: its kind
                                   (Dockerfile or Compose, by name), the folder rules look in
                                   (.dockerignore), the path reported. Default: <stdin>, a
                                   Dockerfile with no folder.
  -c, --config <file>              Use this configuration file INSTEAD of the .bulwark.yaml and
                                   .hadolint.yaml files found near each file (as hadolint's and
                                   ESLint's --config). A file whose name contains "hadolint" is
                                   read as a hadolint configuration, any other as .bulwark.yaml.
                                   Its globs (exclude, overrides) are relative to the project root.
      --rule <rule>=<severity>     Set a rule's severity: error, warning, info or off (rule id or
                                   alias: --rule DL3008=off). Repeatable; over every config file.
      --trusted-registry <glob>    A registry base images may come from (docker.io, *.gcr.io,
                                   registry.corp:5000). Repeatable; replaces the configured list.
      --all-rules                  Also run the rules that are off by default.
      --fail-on <error|warning|info|none>
                                   Lowest severity that makes the exit code 1; none: never.
                                   Default: each file's failOn (.bulwark.yaml failOn, hadolint
                                   failure-threshold), else error.
      --exit-zero                  Exit 0 even when problems are found (usage errors, unreadable
                                   input and configuration errors still exit 2).
      --fix                        Apply the safe fixes (those that need no choice and no
                                   lookup) in place, create the files they add (e.g. a
                                   .dockerignore, never overwriting one), then report the
                                   problems that remain and "Fixed N problems in F files."
                                   A file is rewritten only when it changes; its byte-order
                                   mark and line endings are kept.
      --fix-dry-run                Write nothing: print the safe fixes as a unified diff
                                   (git apply / patch -p1 can apply it) and, on stderr,
                                   "Would fix N problems in F files." With --format json,
                                   each file has "fixed", "created" and "diff".
                                   (text and json only; --fix works with every format.)
      --color, --no-color          Force or disable colour (default: colour when stdout is a
                                   terminal and NO_COLOR is not set).
  -h, --help                       Show this help.

Configuration: each file is linted with the .bulwark.yaml files from its folder up to the
project root (the nearest folder at or above the current one that holds .git, else the current
folder; a nearer file wins, "root: true" stops the search) and the nearest .hadolint.yaml or
.hadolint.yml; the options above are applied over them. Files matched by an "exclude" glob are
skipped when a folder is searched; a file named on the command line is linted anyway.
Problems in a configuration file are printed on stderr as "path:line:col" (and carried by
json: "configProblems", sarif: toolConfigurationNotifications, github: annotations, junit:
a test case in error). See docs/cli.md.

Exit codes: 0 clean, 1 problems at or above --fail-on, 2 usage error, unreadable input, or an
error in a configuration file (the files are still linted and reported; warnings in a
configuration file, such as an unknown rule name, do not change the exit code).
With --fix and --fix-dry-run the exit code is for the problems that remain (would remain),
and 2 also when a fixed file cannot be written.
`;

/** Where the CLI writes; the process's streams by default, buffers in tests. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** All of standard input (`bulwark lint -`); none when absent. */
  readStdin?: () => Promise<Buffer>;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
}

class UsageError extends Error {}

/** Runs the CLI and resolves to its exit code. Never rejects. */
export async function run(argv: string[], io: Io): Promise<number> {
  try {
    return await runUnchecked(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`bulwark: ${e.message}\nRun "bulwark --help" for usage.\n`);
      return EXIT_USAGE;
    }
    io.stderr(`bulwark: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_USAGE;
  }
}

async function runUnchecked(argv: string[], io: Io): Promise<number> {
  if (argv.length === 0) {
    io.stderr(MAIN_HELP);
    return EXIT_USAGE;
  }
  if (argv[0] === 'pin') return runPin(argv.slice(1), io);
  if (argv[0] === 'help' && argv[1] === 'pin') return runPin(['--help'], io);
  let command = 'lint';
  let implicit = true;
  let rest = argv;
  if (COMMANDS.includes(argv[0])) {
    command = argv[0];
    implicit = false;
    rest = argv.slice(1);
  }

  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;

  if (values.version) {
    io.stdout(`${version()}\n`);
    return EXIT_OK;
  }
  if (command === 'help' || values.help) {
    const lintHelp = (command === 'lint' && !implicit) || (command === 'help' && positionals[0] === 'lint');
    io.stdout(lintHelp ? LINT_HELP : MAIN_HELP);
    return EXIT_OK;
  }

  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`invalid --format "${format}": expected one of ${FORMATS.join(', ')}`);
  }
  if (command === 'rules') {
    if (positionals.length) throw new UsageError(`"rules" takes no arguments (got "${positionals[0]}")`);
    if (!RULES_FORMATS.includes(format)) {
      throw new UsageError(`invalid --format "${format}" for "rules": expected one of ${RULES_FORMATS.join(', ')}`);
    }
    io.stdout(format === 'json' ? formatRulesJson() : formatRulesText());
    return EXIT_OK;
  }

  const failOn = values['fail-on'];
  if (failOn !== undefined && !(FAIL_LEVELS as string[]).includes(failOn)) {
    throw new UsageError(`invalid --fail-on "${failOn}": expected one of ${FAIL_LEVELS.join(', ')}`);
  }
  // The flags given are the top configuration layer (over .bulwark.yaml and .hadolint.yaml).
  const configOptions = readConfigOptions(values, io.cwd);
  if ('error' in configOptions) throw new UsageError(configOptions.error);
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color cannot be used together');
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if (values['fix-dry-run'] && !['text', 'json'].includes(format)) {
    throw new UsageError(`--fix-dry-run prints a diff: use it with --format text or json, not ${format}`);
  }
  const stdinCount = positionals.filter((p) => p === STDIN).length;
  if (stdinCount > 1) throw new UsageError('"-" (standard input) can be given once');
  const stdinFilename = values['stdin-filename'];
  if (stdinFilename !== undefined && !stdinCount) throw new UsageError('--stdin-filename needs "-" (standard input) among the paths');
  if (stdinFilename === '') throw new UsageError('--stdin-filename needs a file name');
  if (stdinCount && values.fix) throw new UsageError('--fix cannot write back to standard input: use --fix-dry-run for a diff');

  // `bulwark lnt .` is more likely a mistyped command than a path.
  if (implicit && positionals.length && /^[a-z][a-z-]*$/.test(positionals[0]) && !fs.existsSync(path.resolve(io.cwd, positionals[0]))) {
    throw new UsageError(`unknown command or path "${positionals[0]}" (commands: lint, rules)`);
  }

  return lint(positionals.length ? positionals : ['.'], {
    format: format as Format,
    stdinFilename,
    allRules: values['all-rules'] ?? false,
    ...configOptions,
    exitZero: values['exit-zero'] ?? false,
    fix: values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : 'none',
    color: useColor(values, io),
  }, io);
}

interface LintOptions {
  format: Format;
  /** --stdin-filename: the path standard input stands for (its kind, its folder, the path reported). */
  stdinFilename?: string;
  /** --all-rules (also in `flags`). */
  allRules: boolean;
  /** The configuration flags given: --all-rules, --fail-on, --rule, --trusted-registry. */
  flags: ConfigSettings;
  /** --config, absolute. */
  configFile?: string;
  exitZero: boolean;
  /** --fix: write the safe fixes; --fix-dry-run: print them as a diff. */
  fix: 'none' | 'write' | 'dry-run';
  color: boolean;
}

async function lint(inputs: string[], opts: LintOptions, io: Io): Promise<number> {
  const readsStdin = inputs.includes(STDIN);
  const paths = inputs.filter((p) => p !== STDIN);
  const { targets, errors, warnings } = paths.length ? discover(paths, io.cwd) : { targets: [], errors: [], warnings: [] };
  const inputsToLint: Input[] = [...(readsStdin ? [stdinTarget(opts.stdinFilename, io.cwd)] : []), ...targets];
  if (inputsToLint.length) await initializeCore();
  const config = new CliConfig({ cwd: io.cwd, flags: opts.flags, ...(opts.configFile !== undefined ? { configFile: opts.configFile } : {}) });
  // An explicit configuration file is checked even when nothing is linted.
  if (opts.configFile !== undefined) config.resolve(undefined);
  // Files --fix created, or --fix-dry-run would create: they exist for the files analysed after them.
  const planned = new Set<string>();
  const host: Host = {
    exists: (p) => planned.has(p) || fs.existsSync(p),
    // Cross-file Compose rules read the service's Dockerfile (reading only; at most 1 MB; undefined when unreadable).
    readFile: (p) => {
      try {
        if (fs.statSync(p).size > 1024 * 1024) return undefined;
        return fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, '');
      } catch {
        return undefined;
      }
    },
  };
  const reports: FileReport[] = [];
  const failedRules = new Set<string>();
  let diffs = '';
  // Sibling Dockerfiles (variants of one image) often share RUN scripts: each is parsed once per run of them.
  const shellCache = new ShellParseCache();

  let excludedCount = 0;
  for (const target of inputsToLint) {
    const resolved = config.resolve(target.absPath);
    // An excluded file is skipped when a folder was walked; a file named on the command line is linted.
    if (resolved.excluded && !target.explicit) {
      excludedCount++;
      continue;
    }
    const input = target.stdin ? await readStdin(target, io, errors) : readTarget(target, errors, warnings);
    if (input === undefined) continue;
    if (target.kind === 'compose' && !DISCOVERED_KINDS.has('compose')) {
      warnings.push({ path: target.displayPath, message: 'Compose files are not analyzed yet; no rules ran' });
    }
    // Standard input without --stdin-filename has no path: rules that look beside the file (.dockerignore) do not.
    const options: AnalyzeOptions & { kind: FileKind } = {
      kind: target.kind,
      ...(target.absPath !== undefined ? { path: target.absPath } : {}),
      ...resolved.options,
      host,
      shellCache,
    };
    let result = analyze(input.text, options);
    let text = input.text;
    let fix: FixReport | undefined;
    if (opts.fix !== 'none') {
      const outcome = fixFile(target, input, options, result, planned, opts, io, errors, warnings);
      result = outcome.result;
      text = outcome.text;
      fix = outcome.report;
      diffs += outcome.diff;
    }
    shellCache.endGeneration();
    for (const re of result.ruleErrors) {
      // Once per rule for the whole run: a broken rule fails on every file.
      if (failedRules.has(re.ruleId)) continue;
      failedRules.add(re.ruleId);
      const firstLine = re.error.split('\n')[0];
      warnings.push({ path: target.displayPath, message: `rule "${re.ruleId}" failed and was skipped: ${firstLine}` });
    }
    reports.push({
      path: target.displayPath,
      ...(target.absPath !== undefined ? { absPath: target.absPath } : {}),
      kind: result.kind as FileKind,
      findings: result.findings,
      text,
      failOn: resolved.failOn,
      options: resolved.options,
      ...(fix ? { fix } : {}),
    });
  }

  if (excludedCount && !reports.length) {
    const verb = excludedCount === 1 ? 'is' : 'are';
    const message = `nothing linted: the ${plural(excludedCount, 'file')} found ${verb} excluded by the configuration (exclude)`;
    warnings.push({ path: paths.join(', '), message });
  }
  for (const w of warnings) io.stderr(`bulwark: warning: ${w.path}: ${w.message}\n`);
  for (const e of errors) io.stderr(`bulwark: error: ${e.path}: ${e.message}\n`);
  // Every format: configuration problems on stderr too (the machine-readable formats also carry them).
  for (const p of config.problems) io.stderr(`bulwark: config ${p.severity}: ${problemLocation(p)}: ${p.message}\n`);

  const failing = reports.some((r) => {
    const threshold = failRank(r.failOn ?? 'error');
    return threshold !== undefined && r.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold);
  });
  // A configuration error exits 2 whatever was found (and with --exit-zero): CI must not pass on a broken config.
  const exitCode = errors.length || config.hasErrors ? EXIT_USAGE : opts.exitZero || !failing ? EXIT_OK : EXIT_FINDINGS;
  const configProblems = config.problems;

  if (opts.format === 'json') {
    io.stdout(formatJson(reports, configProblems));
  } else if (opts.format === 'sarif') {
    io.stdout(formatSarif(reports, { cwd: io.cwd, version: version(), allRules: opts.allRules, exitCode, errors, warnings, configProblems }));
  } else if (opts.format === 'github') {
    io.stdout(formatGithub(reports, configProblems));
  } else if (opts.format === 'junit') {
    io.stdout(formatJunit(reports, { failOn: opts.flags.failOn ?? 'error', allRules: opts.allRules, errors, configProblems }));
  } else if (opts.fix === 'dry-run') {
    // stdout is the patch alone (git apply / patch -p1); the summary goes to stderr.
    io.stdout(diffs);
    io.stderr(`${fixSummary(reports, 'Would fix')}\n`);
  } else {
    io.stdout(formatText(reports, opts.color));
  }
  if (opts.fix === 'write') {
    const created = reports.flatMap((r) => r.fix?.created ?? []);
    const summary = created.map((p) => `Created ${p}\n`).join('') + `${fixSummary(reports, 'Fixed')}\n`;
    // After the text report; on stderr for the machine-readable formats (JSON carries the counts itself).
    if (opts.format === 'text') io.stdout(summary);
    else if (opts.format !== 'json') io.stderr(summary);
  }
  return exitCode;
}

/** A file to lint: found by discovery, or standard input (`-`). */
interface Input {
  /** Absolute path; for standard input, that of --stdin-filename (undefined without it). */
  absPath?: string;
  displayPath: string;
  kind: FileKind;
  explicit: boolean;
  stdin?: boolean;
}

/** Standard input: a Dockerfile named `<stdin>`, or what --stdin-filename says (its kind, its folder, its path). */
function stdinTarget(filename: string | undefined, cwd: string): Input {
  if (filename === undefined) return { displayPath: STDIN_NAME, kind: 'dockerfile', explicit: true, stdin: true };
  const absPath = path.resolve(cwd, filename);
  const kind = detectKind(absPath) === 'compose' ? 'compose' : 'dockerfile';
  return { absPath, displayPath: displayPath(absPath, cwd), kind, explicit: true, stdin: true };
}

async function readStdin(target: Input, io: Io, errors: Problem[]): Promise<FileInput | undefined> {
  let buf: Buffer;
  try {
    buf = io.readStdin ? await io.readStdin() : Buffer.alloc(0);
  } catch (e) {
    errors.push({ path: target.displayPath, message: `cannot read standard input: ${describeFsError(e)}` });
    return undefined;
  }
  return decode(buf, target, errors, []);
}

/** "Fixed 3 problems in 2 files." over the files' fix reports. */
function fixSummary(reports: FileReport[], verb: string): string {
  const fixed = reports.reduce((n, r) => n + (r.fix?.fixed ?? 0), 0);
  const files = reports.filter((r) => r.fix && (r.fix.changed || r.fix.created.length > 0)).length;
  return `${verb} ${plural(fixed, 'problem')} in ${plural(files, 'file')}.`;
}

interface FileInput {
  /** The text analysed: the file decoded as UTF-8, without a byte-order mark. */
  text: string;
  /** The file began with a byte-order mark (written back when the file is fixed). */
  bom: boolean;
  /** The bytes read. */
  bytes: Buffer;
}

/**
 * --fix / --fix-dry-run for one file: the core's fix-all (safe fixes only), the file rewritten when its text changes
 * (BOM and line endings kept), the files the fixes add created when missing (never overwritten); then the analysis
 * of what remains. A dry run writes nothing and analyses as if the files had been written.
 */
function fixFile(
  target: Input,
  input: FileInput,
  options: AnalyzeOptions & { kind: FileKind },
  original: AnalysisResult,
  planned: Set<string>,
  opts: LintOptions,
  io: Io,
  errors: Problem[],
  warnings: Problem[],
): FixOutcome {
  const fixed = fixAll(input.text, options);
  const changed = fixed.text !== input.text;
  // Each created file once, and only when it is not there (the core saw none; a file may have been created since).
  const toCreate: FileCreation[] = [];
  for (const file of fixed.createFiles) {
    if (!toCreate.some((f) => f.path === file.path) && !options.host?.exists(file.path)) toCreate.push(file);
  }
  const nothing = (): FixOutcome => ({
    result: original,
    text: input.text,
    report: { fixed: 0, created: [], changed: false, ...(opts.fix === 'dry-run' ? { diff: '' } : {}) },
    diff: '',
  });
  if (!changed && toCreate.length === 0) return nothing();
  if (!sameBytes(input)) {
    warnings.push({ path: target.displayPath, message: 'not fixed: the file is not valid UTF-8 and rewriting it would change other bytes' });
    return nothing();
  }
  const created: string[] = [];
  let diff = '';
  let written = changed;
  if (opts.fix === 'write') {
    if (changed) {
      try {
        // (--fix is refused for standard input, so a file is being fixed.)
        fs.writeFileSync(target.absPath as string, (input.bom ? '\ufeff' : '') + fixed.text);
      } catch (e) {
        errors.push({ path: target.displayPath, message: `cannot write the fixes: ${describeFsError(e)}` });
        written = false;
      }
    }
    for (const file of toCreate) {
      try {
        fs.writeFileSync(file.path, file.content, { flag: 'wx' });
        planned.add(file.path);
        created.push(displayPath(file.path, io.cwd));
      } catch (e) {
        errors.push({ path: displayPath(file.path, io.cwd), message: `cannot create: ${describeFsError(e)}` });
      }
    }
  } else {
    const paint = painter(opts.color && opts.format === 'text');
    // The file's own bytes (a BOM included), so that patch(1) and git apply match its first line.
    const bom = input.bom ? '\ufeff' : '';
    diff = unifiedDiff(target.displayPath, bom + input.text, bom + fixed.text, paint);
    for (const file of toCreate) {
      const shown = displayPath(file.path, io.cwd);
      planned.add(file.path);
      created.push(shown);
      diff += unifiedDiff(shown, undefined, file.content, paint);
    }
  }
  // What remains, analysed afresh: the created files now exist (a dry run pretends they do: `planned`).
  const text = written || opts.fix === 'dry-run' ? fixed.text : input.text;
  const result = analyze(text, options);
  const report: FixReport = { fixed: Math.max(0, original.findings.length - result.findings.length), created, changed: written };
  if (opts.fix === 'dry-run') report.diff = diff;
  return { result, text, report, diff };
}

interface FixOutcome {
  /** The analysis of what remains. */
  result: AnalysisResult;
  /** The text it analysed (the fixed text, unless nothing was, or could be, written). */
  text: string;
  report: FixReport;
  diff: string;
}

/** Whether the decoded text, encoded again, gives back the file's bytes (not so for invalid UTF-8). */
function sameBytes(input: FileInput): boolean {
  return Buffer.from((input.bom ? '\ufeff' : '') + input.text, 'utf8').equals(input.bytes);
}

/** The file's text, or undefined after recording why it cannot be linted. */
function readTarget(target: Input, errors: Problem[], warnings: Problem[]): FileInput | undefined {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(target.absPath!);
  } catch (e) {
    errors.push({ path: target.displayPath, message: `cannot read: ${describeFsError(e)}` });
    return undefined;
  }
  return decode(buf, target, errors, warnings);
}

/** The bytes as text (UTF-8, without a byte-order mark); undefined for a binary file, after saying so. */
function decode(buf: Buffer, target: Input, errors: Problem[], warnings: Problem[]): FileInput | undefined {
  if (buf.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    if (target.explicit) errors.push({ path: target.displayPath, message: 'not a text file' });
    else warnings.push({ path: target.displayPath, message: 'skipped: not a text file' });
    return undefined;
  }
  const text = buf.toString('utf8');
  // Editors hide a byte-order mark; so must the positions we print.
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom, bytes: buf };
}

/** --no-color > --color > NO_COLOR > FORCE_COLOR > whether stdout is a terminal. */
function useColor(values: { color?: boolean; 'no-color'?: boolean }, io: Io): boolean {
  if (values['no-color']) return false;
  if (values.color) return true;
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  return io.stdoutIsTTY;
}

function formatRulesText(): string {
  const rows = allRules.map((r) => [r.meta.id, r.meta.severity, r.meta.category, r.meta.kind, r.meta.title]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length), 8));
  return rows.map((row) => row.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c)).join('  ').trimEnd()).join('\n') + '\n';
}

function formatRulesJson(): string {
  const rules = allRules.map((r) => ({
    id: r.meta.id,
    severity: r.meta.severity,
    category: r.meta.category,
    kind: r.meta.kind,
    title: r.meta.title,
    aliases: r.meta.aliases,
  }));
  return JSON.stringify({ version: 1, rules }) + '\n';
}

/** The version in the package.json above this file (dist/cli.js, or out/server/cli/main.js in tests). */
function version(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (pkg.name === 'bulwark' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // keep looking upwards
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

// Run when executed (`node dist/cli.js`) or required by bin/bulwark.js; stay inert when imported.
if (require.main === module || (require.main && path.basename(require.main.filename) === 'bulwark.js')) {
  main();
}

function main(): void {
  // The shell parser is WebAssembly. V8 re-compiles it with its optimizing tier in background threads, and the
  // process cannot exit until that finishes (seconds on a busy machine): wasted for a short-lived command, so
  // the CLI stays on the baseline compiler. The LSP server, which lives long, keeps the default.
  v8.setFlagsFromString('--liftoff-only');
  // `bulwark lint . | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  void run(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  }).then((code) => {
    process.exitCode = code;
  });
}
