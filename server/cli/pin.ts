/**
 * `bulwark pin [paths...] [--dry-run] [--refresh]`: pins every image reference of Dockerfiles (`FROM`, or the global
 * ARG default an image comes from) and Compose files (`image:`, or the default of `${VAR:-image}`) to the digest its
 * tag resolves to now, in place. The only CLI command that uses the network: the registries named by the files.
 *
 * Credentials come only from the user's Docker config (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`),
 * never from the files or their folders.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { initializeCore } from '../core';
import { RegistryClient } from '../registry/client';
import { pinComposeFile } from '../registry/compose';
import { pinDockerfile } from '../registry/pin';
import type { PinFileResult } from '../registry/pin-jobs';
import { unifiedDiff } from './diff';
import { describeFsError, discover } from './discovery';
import { painter, plural } from './format';
import type { Io } from './main';

export const PIN_EXIT_OK = 0;
export const PIN_EXIT_FAILED = 1;
export const PIN_EXIT_USAGE = 2;

export const PIN_HELP = `Usage: bulwark pin [options] [paths...]

Pins image references to the digest their tag resolves to now, in place:
  Dockerfile   FROM node:20          ->  FROM node:20@sha256:...
               (an image from a global ARG default is pinned in the default;
               --platform, AS name and the tag are kept)
  Compose      image: nginx:1.27     ->  image: nginx:1.27@sha256:...
               (quotes and comments are kept; \${VAR:-nginx:1.27} pins the default)
Each path is a file or a folder, searched recursively for Dockerfiles and Compose files
(as "bulwark lint" does). Default path: the current folder. Multi-arch images are pinned
to their index digest, as "docker pull" resolves them.

Options:
      --dry-run                    Write nothing: print the changes as a unified diff on
                                   stdout and "Would pin N references..." on stderr.
      --refresh                    Also re-pin references already pinned whose tag now
                                   points to a different digest.
      --timeout <ms>               Time allowed for each look-up (default 10000).
      --insecure-registry <host>   A registry (host[:port]) that may be reached over plain
                                   HTTP (repeatable). Loopback registries always may.
      --color, --no-color          Force or disable colour in the diff.
  -h, --help                       Show this help.

Network and credentials: each registry named in the files is asked (HTTPS; HEAD on the
manifest). Credentials come only from your Docker config's "auths" entries
($DOCKER_CONFIG/config.json, else ~/.docker/config.json, as written by "docker login");
credential helpers are not run. HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.

Exit codes:
  0  every reference is pinned (now, or already)
  1  some reference could not be pinned: its look-up failed (unreachable, unauthorized,
     not found, timeout) or it cannot be rewritten automatically (e.g. node:\${VERSION});
     the others are pinned all the same
  2  usage error, or a file that cannot be read or written
`;

const OPTIONS = {
  'dry-run': { type: 'boolean' },
  refresh: { type: 'boolean' },
  timeout: { type: 'string' },
  'insecure-registry': { type: 'string', multiple: true },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function usage(io: Io, message: string): number {
  io.stderr(`bulwark pin: ${message}\nRun "bulwark pin --help" for usage.\n`);
  return PIN_EXIT_USAGE;
}

/** Runs `bulwark pin` (argv after `pin`); resolves to the exit code. */
export async function runPin(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    return usage(io, e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(PIN_HELP);
    return PIN_EXIT_OK;
  }
  if (positionals.includes('-')) return usage(io, 'pin edits files in place; standard input is not supported');
  if (values.color && values['no-color']) return usage(io, '--color and --no-color cannot be used together');
  let timeoutMs = 10_000;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!/^\d+$/.test(values.timeout) || timeoutMs <= 0) return usage(io, `invalid --timeout "${values.timeout}": expected milliseconds (a positive integer)`);
  }
  const dryRun = values['dry-run'] ?? false;
  const refresh = values.refresh ?? false;
  const color = values['no-color'] ? false : values.color ? true : !io.env.NO_COLOR && io.stdoutIsTTY;
  const paint = painter(color && dryRun);

  const { targets, errors, warnings } = discover(positionals.length ? positionals : ['.'], io.cwd);
  for (const w of warnings) io.stderr(`bulwark pin: warning: ${w.path}: ${w.message}\n`);
  if (targets.length) await initializeCore();
  const client = new RegistryClient({
    timeoutMs,
    connectTimeoutMs: Math.min(5000, timeoutMs),
    env: io.env,
    insecureRegistries: values['insecure-registry'] ?? [],
  });

  let unusable = errors.length > 0;
  let failures = 0;
  let pinnedCount = 0;
  let changedFiles = 0;
  for (const e of errors) io.stderr(`bulwark pin: error: ${e.path}: ${e.message}\n`);
  for (const target of targets) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(target.absPath);
    } catch (e) {
      io.stderr(`bulwark pin: error: ${target.displayPath}: cannot read: ${describeFsError(e)}\n`);
      unusable = true;
      continue;
    }
    if (bytes.subarray(0, 8192).includes(0)) {
      if (target.explicit) {
        io.stderr(`bulwark pin: error: ${target.displayPath}: not a text file\n`);
        unusable = true;
      }
      continue;
    }
    const decoded = bytes.toString('utf8');
    const bom = decoded.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
    const text = bom ? decoded.slice(1) : decoded;
    let result: PinFileResult;
    try {
      result = target.kind === 'compose' ? await pinComposeFile(text, client, { refresh }) : await pinDockerfile(text, client, { refresh });
    } catch (e) {
      io.stderr(`bulwark pin: error: ${target.displayPath}: ${e instanceof Error ? e.message : String(e)}\n`);
      failures++;
      continue;
    }
    const at = (line: number) => `${target.displayPath}:${line + 1}`;
    for (const f of result.failed) {
      io.stderr(`bulwark pin: error: ${at(f.line)}: cannot pin${f.reference ? ` ${f.reference}` : ''}: ${f.message}\n`);
      failures++;
    }
    if (result.edits.length === 0) continue;
    if (Buffer.compare(Buffer.from(bom + text, 'utf8'), bytes) !== 0) {
      io.stderr(`bulwark pin: error: ${target.displayPath}: not pinned: the file is not valid UTF-8 and rewriting it would change other bytes\n`);
      failures += result.pinned.length;
      continue;
    }
    if (dryRun) {
      io.stdout(unifiedDiff(target.displayPath, bom + text, bom + result.text, paint));
    } else {
      try {
        fs.writeFileSync(target.absPath, bom + result.text);
      } catch (e) {
        io.stderr(`bulwark pin: error: ${target.displayPath}: cannot write: ${describeFsError(e)}\n`);
        unusable = true;
        continue;
      }
      for (const p of result.pinned) {
        const verb = p.previousDigest ? 'refreshed' : 'pinned';
        io.stdout(`${at(p.line)}: ${verb} ${p.reference} to ${p.digest}${p.location === 'arg' ? ' (in the ARG default)' : p.location === 'default' ? ' (in the variable default)' : ''}\n`);
      }
    }
    pinnedCount += result.pinned.length;
    changedFiles++;
  }
  const summary = `${dryRun ? 'Would pin' : 'Pinned'} ${plural(pinnedCount, 'reference')} in ${plural(changedFiles, 'file')}${failures ? `; ${plural(failures, 'reference')} could not be pinned` : ''}.\n`;
  if (dryRun) io.stderr(summary);
  else io.stdout(summary);
  return unusable ? PIN_EXIT_USAGE : failures ? PIN_EXIT_FAILED : PIN_EXIT_OK;
}
