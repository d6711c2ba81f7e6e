/**
 * What the image hover shows, for a Dockerfile's FROM or a Compose `image:` alike: the parts of the reference, its
 * end-of-life status, what the registry says now (when asked), whether a pinned digest has moved, and the Markdown.
 */
import { familiarName } from '../core/dockerfile/image-name';
import type { ImageName } from '../core/dockerfile/image-name';
import { eolInfo } from '../core/eol/eol';
import type { EolMatch } from '../core/eol/eol';
import type { Range } from '../core/types';
import type { RegistryClient, ResolvedImage } from './client';
import type { RegistryError } from './errors';

export interface ImageStatus {
  /** The Dockerfile stage (absent for a Compose service). */
  stageIndex?: number;
  /** The Compose service (absent for a Dockerfile). */
  service?: string;
  /** The image reference as written (the image word in the FROM, or the `image:` value). */
  range: Range;
  /** As resolved (`node:20@sha256:…`). */
  reference: string;
  registry: string;
  repository: string;
  tag?: string;
  pinnedDigest?: string;
  /** What the registry says now (absent when the look-up was not made or failed). */
  current?: ResolvedImage;
  /** Why the look-up failed. */
  lookupError?: RegistryError | Error;
  /** True when the reference is pinned and its tag now resolves to another digest. */
  moved?: boolean;
  /** From the end-of-life table (no network). */
  eol: { release?: EolMatch; base?: EolMatch };
  /** Whether a pin/refresh edit can be made automatically, and if not why. */
  pinnable: boolean;
  notPinnableReason?: string;
}
/** What the image hover is asked for: `now` dates the end-of-life check, `lookup` asks the registry (`fresh`: uncached). */
export interface ImageStatusOptions {
  now?: Date | string;
  lookup?: boolean;
  fresh?: boolean;
}

/**
 * The ImageStatus of a reference written at `place` (a stage's or a service's image), parsed as `name`;
 * `notPinnableReason`: why no pin edit can be made. Looked up when `opts.lookup` and a client is given.
 */
export async function referenceStatus(
  place: Pick<ImageStatus, 'stageIndex' | 'service' | 'range'>,
  reference: string,
  name: ImageName,
  notPinnableReason: string | undefined,
  client: RegistryClient | undefined,
  opts: ImageStatusOptions,
): Promise<ImageStatus> {
  const status: ImageStatus = {
    ...place,
    reference,
    registry: name.registry,
    repository: name.repository,
    ...(name.tag !== undefined ? { tag: name.tag } : {}),
    ...(name.digest ? { pinnedDigest: name.digest } : {}),
    eol: eolInfo(name, opts.now),
    pinnable: notPinnableReason === undefined,
    ...(notPinnableReason !== undefined ? { notPinnableReason } : {}),
  };
  if (opts.lookup && client) await lookUpStatus(status, name, client, opts.fresh);
  return status;
}

/** Fills in what the registry says now about `name` (its tag): the digest, platforms, whether a pinned digest moved. */
export async function lookUpStatus(status: ImageStatus, name: ImageName, client: RegistryClient, fresh?: boolean): Promise<void> {
  if (name.tag === undefined && name.digest) return; // digest only: no tag to compare with
  try {
    status.current = await client.resolveDigest(familiarName({ ...name, digest: undefined }), { platforms: true, fresh });
    if (name.digest) status.moved = status.current.digest !== name.digest;
  } catch (e) {
    status.lookupError = e instanceof Error ? e : new Error(String(e));
  }
}

/** A pinned reference whose tag an earlier look-up found pointing to another digest. */
export interface MovedDigest {
  /** The reference without its digest (`node:20`). */
  reference: string;
  pinned: string;
  current: string;
}
/** Whether an earlier look-up (cache only, no network) found `name`'s tag pointing to a digest other than `pinned`. */
export function movedDigest(name: ImageName, pinned: string, client: RegistryClient): MovedDigest | undefined {
  if (name.tag === undefined) return undefined;
  const reference = familiarName({ ...name, digest: undefined });
  const hit = client.cached(reference);
  return hit && hit.digest !== pinned ? { reference, pinned, current: hit.digest } : undefined;
}
const short = (d: string) => `${d.slice(0, 19)}…`;

/** The hover's Markdown for an ImageStatus. */
export function formatImageHover(status: ImageStatus): string {
  const display = familiarName({ registry: status.registry, repository: status.repository, tag: status.tag });
  const lines: string[] = [`**${display}**`, ''];
  const rows: Array<[string, string]> = [
    ['Registry', `\`${status.registry}\``],
    ['Repository', `\`${status.repository}\``],
    ['Tag', status.tag !== undefined ? `\`${status.tag}\`` : status.pinnedDigest ? '— (digest only)' : '`latest` (none written)'],
  ];
  if (status.current) {
    rows.push(['Digest now', `\`${status.current.digest}\``]);
    if (status.pinnedDigest) {
      rows.push([
        'Pinned digest',
        status.moved
          ? `\`${short(status.pinnedDigest)}\` — **the tag has moved**: it now points to \`${short(status.current.digest)}\` (refresh the digest to follow it)`
          : `\`${short(status.pinnedDigest)}\` — matches the tag`,
      ]);
    }
    if (status.current.platforms?.length) rows.push(['Platforms', status.current.platforms.join(', ')]);
  } else if (status.pinnedDigest) {
    rows.push(['Pinned digest', `\`${status.pinnedDigest}\``]);
  }
  lines.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '');
  if (status.lookupError) lines.push(`Registry look-up failed: ${status.lookupError.message}`, '');
  for (const m of [status.eol.release, status.eol.base]) {
    if (!m) continue;
    const what = m.kind === 'release' ? m.label : `Built on ${m.label}`;
    lines.push(
      m.isEol
        ? `**End of life:** ${what} reached end of life on ${m.eol}${m.replacement ? `; suggested: \`${m.replacement}\`` : ''}. Source: ${m.source} (table checked ${m.checked}).`
        : `${what}: supported until ${m.eol}. Source: ${m.source} (table checked ${m.checked}).`,
      '',
    );
  }
  if (!status.pinnable && status.notPinnableReason && !status.pinnedDigest) lines.push(`Not pinned automatically: ${status.notPinnableReason}`, '');
  return lines.join('\n').trimEnd();
}
