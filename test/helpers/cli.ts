/**
 * Running the BUILT `bulwark` command (dist/cli.js, or $BULWARK_DIST/cli.js for a private build) as a child process,
 * as users run it, and making temporary project trees for it. For CLI tests (test/cli/).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './shared';

export const CLI = process.env.BULWARK_DIST ? path.resolve(process.env.BULWARK_DIST, 'cli.js') : path.join(projectRoot, 'dist', 'cli.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd: string;
  /** Standard input (none: empty). */
  input?: string;
}

/** Runs `node dist/cli.js …args` in `cwd`, without NO_COLOR / FORCE_COLOR from the environment. */
export function runCli(args: string[], opts: CliRunOptions): CliResult {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd, env, encoding: 'utf8', timeout: 60_000, input: opts.input ?? '' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON format's report (`--format json`), as the tests read it. */
export interface CliJsonReport {
  version: number;
  files: { path: string; kind: string; findings: { rule: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number; fixable: boolean }[] }[];
  configProblems?: { path: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }[];
}

/** `--format json`: the parsed report and the exit code (stdout must be one JSON document). */
export function runCliJson(args: string[], opts: CliRunOptions): CliResult & { report: CliJsonReport } {
  const r = runCli(['lint', '--format', 'json', ...args], opts);
  let report: CliJsonReport;
  try {
    report = JSON.parse(r.stdout) as CliJsonReport;
  } catch {
    throw new Error(`not JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return { ...r, report };
}

/**
 * A temporary folder (its real path, so printed paths compare) holding `files` (relative path → text; folders are
 * created). Remove it with `fs.rmSync(dir, { recursive: true, force: true })`.
 */
export function makeTree(files: Record<string, string>, prefix = 'bulwark-cli-'): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  writeTree(dir, files);
  return dir;
}

/** Writes `files` (relative path → text) under `dir`, creating folders. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}
