/**
 * Pinning a base image to a digest: the edit half of the "Pin to digest" quick fix. The faces look the digest up (over
 * the network, server/registry) and ask this pure code for the edit, so the core stays free of I/O.
 *
 * The digest is written after the reference where the reference is written: in the FROM word (`FROM node:20` →
 * `FROM node:20@sha256:…`; flags and `AS name` untouched), in the default of the global ARG the image comes from
 * (`ARG BASE=node:20` → `ARG BASE=node:20@sha256:…`), or in an inline default (`${BASE:-node:20}`). A reference
 * assembled from several parts (`node:${VERSION}`) is not pinned: a fixed digest there would silently override a
 * `--build-arg VERSION=…`. An already pinned reference gets its digest replaced ("refresh").
 *
 * Compose `image:` values get the same treatment in compose-pin.ts; the parts both share are in digest-pin.ts.
 */
import type { DockerfileModel, Stage } from '../dockerfile/model';
import { parseImageName } from '../dockerfile/image-name';
import type { Fix, Range } from '../types';
import { assertSha256Digest, digestFix, digestOffset, sortPinTargets } from './digest-pin';
import { mapSpan, sourceOfImage } from './image-source';

export interface PinTarget {
  stage: Stage;
  /** The reference to look up, resolved and without its digest: `node:20`, `ghcr.io/org/app:1.2`. */
  reference: string;
  /** The digest written now, when the reference is already pinned. */
  pinnedDigest?: string;
  /** Where the reference is written. */
  location: 'from' | 'arg' | 'default';
  /** The global ARG whose default is edited (location `arg`). */
  argName?: string;
  /** Range of the reference as written (the text a pin edit extends). */
  range: Range;
  /** Document offsets where the `@digest` part starts and ends (equal when there is none yet). */
  digestStart: number;
  digestEnd: number;
}

export interface PinRefusal {
  stage: Stage;
  reason: string;
}

/** What a pin of this stage's image would edit, or why it cannot be pinned automatically. */
export function pinTarget(model: DockerfileModel, stage: Stage): PinTarget | PinRefusal {
  const image = stage.image;
  if (stage.parent) return { stage, reason: `\`${image.raw}\` refers to the earlier stage \`${stage.parent.name}\`, not to an image.` };
  if (!stage.imageRange) return { stage, reason: 'This FROM names no image.' };
  const resolved = image.resolved;
  if (resolved === undefined || resolved === '') {
    return { stage, reason: `\`${image.raw}\` comes from a build argument without a default; its image is only known at build time.` };
  }
  if (resolved.toLowerCase() === 'scratch') return { stage, reason: '`scratch` is an empty base, not an image to pin.' };
  const name = parseImageName(resolved);
  if (!name) return { stage, reason: `\`${resolved}\` is not a valid image reference.` };
  const source = sourceOfImage(model, stage);
  if (!source) return { stage, reason: `Bulwark cannot trace where \`${image.raw}\` is written; pin it by hand.` };
  // The whole reference must be written in one place.
  const whole = mapSpan(source, 0, resolved.length);
  if (!whole) {
    const args = [...new Set(source.pieces.filter((p) => p.arg).map((p) => p.arg!.name))];
    return {
      stage,
      reason: `\`${image.raw}\` is assembled from ${args.length ? args.map((a) => `\`${a}\``).join(', ') + ' and other text' : 'several parts'}; a digest written there would override a changed build argument. Pin the complete reference in one ARG default, or pin it by hand.`,
    };
  }
  const nameEnd = digestOffset(resolved);
  const location: PinTarget['location'] = whole.piece.arg ? 'arg' : image.usesVariables ? 'default' : 'from';
  return {
    stage,
    reference: resolved.slice(0, nameEnd),
    ...(name.digest ? { pinnedDigest: name.digest } : {}),
    location,
    ...(whole.piece.arg ? { argName: whole.piece.arg.name } : {}),
    range: model.rangeOf(whole.docStart, whole.docEnd),
    digestStart: whole.docStart + nameEnd,
    digestEnd: whole.docEnd,
  };
}

export function isPinRefusal<T extends object>(t: T | PinRefusal): t is PinRefusal {
  return 'reason' in t;
}

/**
 * The quick fix that pins (or re-pins) a stage's image to `digest`. Throws on a malformed digest; returns a refusal
 * when the reference cannot be pinned automatically. Not `safe`: it needed a lookup.
 */
export function pinFix(model: DockerfileModel, stage: Stage, digest: string): Fix | PinRefusal {
  assertSha256Digest(digest);
  const target = pinTarget(model, stage);
  if (isPinRefusal(target)) return target;
  const where = target.location === 'arg' ? ` (in ARG ${target.argName})` : '';
  const fix = digestFix(model.lines, target, digest, where);
  return 'reason' in fix ? { stage, reason: fix.reason } : fix;
}

/**
 * Every stage whose image can be pinned, deduplicated by where the edit goes (several FROMs that share one ARG default
 * are one target), and every stage that cannot be, with the reason. `refresh`: include already pinned references.
 */
export function pinTargets(model: DockerfileModel, refresh = false): { targets: PinTarget[]; refused: PinRefusal[] } {
  return sortPinTargets<PinTarget, PinRefusal>(model.stages.filter(isPinCandidate).map((stage) => pinTarget(model, stage)), refresh);
}

/**
 * Whether a file-wide pin considers the stage: a FROM that names an image, or one whose build argument has no default
 * (reported as refused); not a FROM of an earlier stage, `scratch` or an empty reference.
 */
function isPinCandidate(stage: Stage): boolean {
  if (stage.parent) return false;
  const resolved = stage.image.resolved;
  if (resolved === undefined) return !!stage.imageRange;
  return resolved !== '' && resolved.toLowerCase() !== 'scratch';
}
