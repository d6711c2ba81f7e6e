/**
 * What the faces call for "Pin to digest", "Refresh digest", `bulwark pin` and the image hover: look the digest up
 * with a RegistryClient, then ask the pure core (server/core/fixes/pin.ts) for the edit. Nothing here writes files or
 * talks to an editor.
 */
import { DockerfileModel } from '../core/dockerfile/model';
import type { Stage } from '../core/dockerfile/model';
import { familiarName, parseImageName } from '../core/dockerfile/image-name';
import type { ImageName } from '../core/dockerfile/image-name';
import { eolInfo } from '../core/eol/eol';
import type { EolMatch } from '../core/eol/eol';
import { applyEdits } from '../core/fixes/edits';
import { isPinRefusal, pinFix, pinTarget, pinTargets } from '../core/fixes/pin';
import type { PinTarget } from '../core/fixes/pin';
import type { Fix, Position, Range, TextEdit } from '../core/types';
import type { LineIndex } from '../core/text';
import type { RegistryClient, ResolvedImage } from './client';
import { RegistryError } from './errors';

export interface PinnedReference {
  reference: string;
  digest: string;
  /** Zero-based line of the text that was edited (the FROM, or the ARG default). */
  line: number;
  location: PinTarget['location'] | 'value';
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
      failed.push({ line: j.line, reference: j.reference, message: fix.reason, code: 'not-pinnable' });
      continue;
    }
    edits.push(...fix.edits);
    pinned.push(entry);
  }
  failed.sort((a, b) => a.line - b.line);
  return { text: edits.length ? applyEdits(text, edits, lines) : text, edits, pinned, upToDate, failed };
}

/**
 * Pins every unpinned base image of a Dockerfile (`refresh`: also re-pins pinned ones whose tag moved). References
 * are looked up once each, in parallel; a reference that fails is reported and left as it is, the others are pinned.
 */
export async function pinDockerfile(text: string, client: RegistryClient, opts: { refresh?: boolean } = {}): Promise<PinFileResult> {
  const model = new DockerfileModel(text);
  const { targets, refused } = pinTargets(model, opts.refresh ?? false);
  const failed: PinFailure[] = refused.map((r) => ({
    line: r.stage.from.range.start.line,
    reference: r.stage.image.resolved ?? r.stage.image.raw,
    message: r.reason,
    code: 'not-pinnable',
  }));
  const jobs: PinJob[] = targets.map((t) => ({
    reference: t.reference,
    ...(t.pinnedDigest ? { pinnedDigest: t.pinnedDigest } : {}),
    line: t.stage.from.range.start.line,
    editLine: model.rangeOf(t.digestStart, t.digestStart).start.line,
    location: t.location,
    fix: (digest) => pinFix(model, t.stage, digest),
  }));
  return pinJobs(text, model.lines, jobs, failed, client, opts.refresh ?? false);
}

/**
 * The "Pin to digest" / "Refresh digest" fix for one stage (by index in `model.stages`), looked up now. Throws a
 * RegistryError when the look-up fails, or an Error when the reference cannot be pinned automatically (its message
 * says why); either way nothing is half-applied. `fresh`: bypass the session cache (use it for "Refresh").
 */
export async function pinStageFix(text: string, stageIndex: number, client: RegistryClient, opts: { fresh?: boolean } = {}): Promise<Fix> {
  const model = new DockerfileModel(text);
  const stage = model.stages[stageIndex];
  if (!stage) throw new Error(`The Dockerfile has no stage ${stageIndex}: it changed since the action was offered.`);
  return lookUpPinFix(pinTarget(model, stage), client, opts.fresh, (digest) => pinFix(model, stage, digest));
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

/** The stage whose image reference (in the FROM, or in the ARG default it comes from) contains `position`. */
export function stageAtPosition(model: DockerfileModel, position: Position): Stage | undefined {
  const at = model.offsetAt(position);
  const inside = (r: Range | undefined) => !!r && model.offsetAt(r.start) <= at && at <= model.offsetAt(r.end);
  for (const stage of model.stages) {
    if (stage.parent) continue;
    if (inside(stage.imageRange)) return stage;
    const t = pinTarget(model, stage);
    if (!isPinRefusal(t) && t.location === 'arg' && inside(t.range)) return stage;
  }
  return undefined;
}

export interface ImageStatus {
  /** The Dockerfile stage (absent for a Compose service). */
  stageIndex?: number;
  /** The Compose service (absent for a Dockerfile). */
  service?: string;
  /** The image word in the FROM. */
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

/**
 * Everything the hover shows about the image under `position`: the parts of the reference, its end-of-life status,
 * and — when `lookup` is true (the hover was asked for and registry access is enabled) — the digest the tag resolves
 * to now, whether a pinned digest still matches it, and the platforms. Undefined when no image is under the position.
 */
export async function imageStatusAt(text: string, position: Position, client: RegistryClient | undefined, opts: ImageStatusOptions = {}): Promise<ImageStatus | undefined> {
  const model = new DockerfileModel(text);
  const stage = stageAtPosition(model, position);
  if (!stage?.imageRange) return undefined;
  const resolved = stage.image.resolved;
  if (!resolved || resolved.toLowerCase() === 'scratch') return undefined;
  const name = parseImageName(resolved);
  if (!name) return undefined;
  const target = pinTarget(model, stage);
  const place = { stageIndex: stage.index, range: stage.imageRange };
  return referenceStatus(place, resolved, name, isPinRefusal(target) ? target.reason : undefined, client, opts);
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

/** Stages pinned to a digest that an earlier look-up (cache only, no network) found the tag has moved away from. */
export function movedDigests(text: string, client: RegistryClient): Array<{ stageIndex: number; range: Range } & MovedDigest> {
  const model = new DockerfileModel(text);
  const out: Array<{ stageIndex: number; range: Range } & MovedDigest> = [];
  for (const stage of model.stages) {
    if (stage.parent || !stage.imageRange || !stage.image.digest) continue;
    const name = parseImageName(stage.image.resolved ?? '');
    const moved = name?.digest ? movedDigest(name, name.digest, client) : undefined;
    if (moved) out.push({ stageIndex: stage.index, range: stage.imageRange, ...moved });
  }
  return out;
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
