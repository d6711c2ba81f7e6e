/**
 * What the end-of-life rules (Dockerfile `FROM`, Compose `image:`) say and offer, shared so both faces word the finding
 * and build the replacement the same way. Pure: the caller maps the changed span back to its document.
 */
import { familiarName, parseImageName } from '../dockerfile/image-name';
import { eolFinding } from './eol';
import type { EolMatch } from './eol';

/** `… is past end of life: Node.js 16 (gallium) reached end of life on 2023-09-11; node:24-alpine is supported.` */
export function eolMessage(subject: string, match: EolMatch): string {
  return match.kind === 'release'
    ? `${subject} is past end of life: ${match.label} reached end of life on ${match.eol}${match.replacement ? `; ${match.replacement} is supported` : ''}.`
    : `${subject} is built on ${match.label}, which reached end of life on ${match.eol}${match.replacement ? `; use ${match.replacement}` : ''}.`;
}

export interface EolReplacement {
  /** The reference to write instead, in the style of the original (`node:24`, not `docker.io/library/node:24`). */
  text: string;
  /** `Replace node:16-alpine with node:24-alpine` */
  title: string;
  /** The smallest span of `resolved` that changes, and what it becomes. */
  start: number;
  end: number;
  newText: string;
}

/**
 * The replacement of `resolved` (a reference without digest) by the match's suggestion, or undefined when there is
 * none, when the reference is pinned by digest (the digest would keep the old image: pin again after replacing), or
 * when the suggestion is itself past end of life (the table needs updating).
 */
export function eolReplacement(resolved: string, match: EolMatch, now: Date | string | undefined): EolReplacement | undefined {
  if (!match.replacement) return undefined;
  const current = parseImageName(resolved);
  const next = parseImageName(match.replacement);
  if (!current || current.digest !== undefined || !next || eolFinding(next, now)) return undefined;
  // Keep the way the reference is written (`node` rather than `docker.io/library/node`) where the image is the same.
  const sameRepo = current.registry === next.registry && current.repository === next.repository;
  let text = match.replacement;
  if (sameRepo) {
    const colon = resolved.lastIndexOf(':');
    const base = current.tag !== undefined ? resolved.slice(0, colon) : resolved;
    text = `${base}:${next.tag}`;
  }
  if (text === resolved) return undefined;
  let prefix = 0;
  while (prefix < resolved.length && prefix < text.length && resolved[prefix] === text[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < resolved.length - prefix &&
    suffix < text.length - prefix &&
    resolved[resolved.length - 1 - suffix] === text[text.length - 1 - suffix]
  ) suffix++;
  return {
    text,
    title: `Replace ${familiarName(current)} with ${sameRepo ? familiarName({ ...current, tag: next.tag }) : match.replacement}`,
    start: prefix,
    end: resolved.length - suffix,
    newText: text.slice(prefix, text.length - suffix),
  };
}
