/**
 * What pinning a written image reference to a digest does the same way in a Dockerfile (pin.ts) and in a Compose file
 * (compose-pin.ts): the digest check, where the `@digest` part of a reference starts, the edit with its title, and the
 * file-wide list of targets. Each file kind finds its own targets (where the reference is written); this code only
 * needs the places.
 */
import type { LineIndex } from '../text';
import type { Fix } from '../types';

export const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** What a pin edit needs to know of a target, whatever the file kind. */
export interface DigestSlot {
  /** The reference to look up, without its digest: `node:20`. */
  reference: string;
  /** The digest written now, when the reference is already pinned. */
  pinnedDigest?: string;
  /** Document offsets where the `@digest` part starts and ends (equal when there is none yet). */
  digestStart: number;
  digestEnd: number;
}

/** Throws unless `digest` is a well-formed `sha256:` digest (a look-up result, never user text). */
export function assertSha256Digest(digest: string): void {
  if (!SHA256_DIGEST.test(digest)) throw new Error(`not a sha256 digest: ${digest}`);
}

/** Where the `@digest` part of a reference text starts (its length when it has none). */
export function digestOffset(reference: string): number {
  const at = reference.indexOf('@');
  return at >= 0 ? at : reference.length;
}

/**
 * The fix that writes `@digest` over the slot's digest part, titled "Pin …" or "Refresh …" with `where` (the
 * place, for the title) appended; the reason when the reference already has that digest. Not `safe`: it needed a
 * look-up.
 */
export function digestFix(lines: LineIndex, slot: DigestSlot, digest: string, where: string): Fix | { reason: string } {
  const short = `${digest.slice(0, 19)}…`;
  if (slot.pinnedDigest === digest) return { reason: `\`${slot.reference}\` is already pinned to ${short}, the digest its tag has now.` };
  const title =
    slot.pinnedDigest === undefined
      ? `Pin ${slot.reference} to digest ${short}${where}`
      : `Refresh the digest of ${slot.reference} to ${short}${where}`;
  return { title, edits: [{ range: lines.rangeOf(slot.digestStart, slot.digestEnd), newText: `@${digest}` }], safe: false, isPreferred: true };
}

/**
 * Sorts a file's candidate targets: refusals apart, then the targets to pin, one per place the edit goes (references
 * that share one place are one target), already pinned ones only with `refresh`.
 */
export function sortPinTargets<T extends DigestSlot, R extends { reason: string }>(candidates: Array<T | R>, refresh: boolean): { targets: T[]; refused: R[] } {
  const targets: T[] = [];
  const refused: R[] = [];
  const isRefusal = (t: T | R): t is R => 'reason' in t;
  for (const t of candidates) {
    if (isRefusal(t)) {
      refused.push(t);
      continue;
    }
    if (t.pinnedDigest !== undefined && !refresh) continue;
    if (targets.some((o) => o.digestStart === t.digestStart)) continue;
    targets.push(t);
  }
  return { targets, refused };
}
