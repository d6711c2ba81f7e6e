/**
 * A file-wide pin, whatever the file kind (`bulwark pin`, "Pin all images"): the look-ups and the collected edits, and
 * the look-up-then-fix of a single pin. The Dockerfile (pin.ts) and Compose (compose.ts) faces turn their core pin
 * targets (server/core/fixes) into jobs; nothing here writes files.
 */
import type { ComposePinTarget } from '../core/fixes/compose-pin';
import { applyEdits } from '../core/fixes/edits';
import type { PinTarget } from '../core/fixes/pin';
import type { Fix, TextEdit } from '../core/types';
import type { LineIndex } from '../core/text';
import type { RegistryClient, ResolvedImage } from './client';
import { RegistryError } from './errors';

export interface PinnedReference {
  reference: string;
  digest: string;
  /** Zero-based line of the text that was edited (the FROM, or the ARG default). */
  line: number;
  location: PinTarget['location'] | ComposePinTarget['location'];
  /** The digest it was pinned to before (a refresh). */
  previousDigest?: string;
}

export interface PinFailure {
  /** Zero-based line of the FROM. */
  line: number;
  reference?: string;
  message: string;
  /** The RegistryError code, or `not-pinnable` when the reference cannot be rewritten automatically. */
  code: string;
}

export interface PinFileResult {
  /** The text with every successful pin applied (equal to the input when nothing changed). */
  text: string;
  edits: TextEdit[];
  pinned: PinnedReference[];
  /** Already pinned to the digest the tag has now (with `refresh`). */
  upToDate: PinnedReference[];
  failed: PinFailure[];
}

/** One reference a file-wide pin looks up, whatever the file kind. */
export interface PinJob {
  reference: string;
  pinnedDigest?: string;
  /** Zero-based line of the statement (FROM / `image:`) it belongs to, for failures. */
  line: number;
  /** Zero-based line of the text that is edited. */
  editLine: number;
  location: PinnedReference['location'];
  /** The edit for a digest, or why it cannot be made. */
  fix(digest: string): Fix | { reason: string };
}

/** The job for one core pin target: its reference is looked up, `fix` is called with the digest found. */
export function pinJob(target: Pick<PinJob, 'reference' | 'pinnedDigest' | 'location'>, at: { line: number; editLine: number }, fix: PinJob['fix']): PinJob {
  return { reference: target.reference, ...(target.pinnedDigest ? { pinnedDigest: target.pinnedDigest } : {}), ...at, location: target.location, fix };
}

/** The failure of a reference that cannot be pinned automatically, for `reason`. */
export function notPinnable(line: number, reference: string | undefined, reason: string): PinFailure {
  return { line, ...(reference !== undefined ? { reference } : {}), message: reason, code: 'not-pinnable' };
}

/**
 * Looks every job's reference up (once per reference, in parallel) and collects the edits; a reference that fails is
 * reported and left as it is, the others are pinned. `refused` are the references that cannot be pinned at all.
 */
export async function pinJobs(text: string, lines: LineIndex, jobs: PinJob[], refused: PinFailure[], client: RegistryClient, refresh: boolean): Promise<PinFileResult> {
  const failed: PinFailure[] = [...refused];
  const lookups = new Map<string, Promise<ResolvedImage>>();
  for (const j of jobs) if (!lookups.has(j.reference)) lookups.set(j.reference, client.resolveDigest(j.reference, { fresh: refresh }));
  const settled = new Map<string, PromiseSettledResult<ResolvedImage>>();
  await Promise.all([...lookups].map(async ([ref, p]) => settled.set(ref, await p.then((value) => ({ status: 'fulfilled' as const, value }), (reason: unknown) => ({ status: 'rejected' as const, reason })))));
  const edits: TextEdit[] = [];
  const pinned: PinnedReference[] = [];
  const upToDate: PinnedReference[] = [];
  for (const j of jobs) {
    const outcome = settled.get(j.reference)!;
    if (outcome.status === 'rejected') {
      const e = outcome.reason;
      failed.push({ line: j.line, reference: j.reference, message: e instanceof Error ? e.message : String(e), code: e instanceof RegistryError ? e.code : 'error' });
      continue;
    }
    const digest = outcome.value.digest;
    const entry: PinnedReference = { reference: j.reference, digest, line: j.editLine, location: j.location, ...(j.pinnedDigest ? { previousDigest: j.pinnedDigest } : {}) };
    if (j.pinnedDigest === digest) {
      upToDate.push(entry);
      continue;
    }
    const fix = j.fix(digest);
    if ('reason' in fix) {
      failed.push(notPinnable(j.line, j.reference, fix.reason));
      continue;
    }
    edits.push(...fix.edits);
    pinned.push(entry);
  }
  failed.sort((a, b) => a.line - b.line);
  return { text: edits.length ? applyEdits(text, edits, lines) : text, edits, pinned, upToDate, failed };
}
/**
 * Looks the target's reference up now and makes its fix for the digest found. `fresh` (bypass the session cache)
 * defaults to true for a refresh. Throws the RegistryError of a failed look-up, or an Error with the reason the edit
 * cannot be made; nothing is half-applied.
 */
export async function lookUpPinFix(
  target: { reference: string; pinnedDigest?: string } | { reason: string },
  client: RegistryClient,
  fresh: boolean | undefined,
  fixFor: (digest: string) => Fix | { reason: string },
): Promise<Fix> {
  if ('reason' in target) throw new Error(target.reason);
  const resolved = await client.resolveDigest(target.reference, { fresh: fresh ?? target.pinnedDigest !== undefined });
  const fix = fixFor(resolved.digest);
  if ('reason' in fix) throw new Error(fix.reason);
  return fix;
}
