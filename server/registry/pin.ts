/**
 * What the faces call for "Pin to digest", "Refresh digest", `bulwark pin` and the image hover in a Dockerfile: look
 * the digest up with a RegistryClient, then ask the pure core (server/core/fixes/pin.ts) for the edit. Nothing here
 * writes files or talks to an editor. Compose files: compose.ts; what both share: pin-jobs.ts (the look-ups of a pin)
 * and image-status.ts (the hover).
 */
import { DockerfileModel } from '../core/dockerfile/model';
import type { Stage } from '../core/dockerfile/model';
import { parseImageName } from '../core/dockerfile/image-name';
import { isPinRefusal, pinFix, pinTarget, pinTargets } from '../core/fixes/pin';
import type { Fix, Position, Range } from '../core/types';
import type { RegistryClient } from './client';
import { movedDigest, referenceStatus } from './image-status';
import type { ImageStatus, ImageStatusOptions, MovedDigest } from './image-status';
import { lookUpPinFix, notPinnable, pinJob, pinJobs } from './pin-jobs';
import type { PinFileResult } from './pin-jobs';

/**
 * Pins every unpinned base image of a Dockerfile (`refresh`: also re-pins pinned ones whose tag moved). References
 * are looked up once each, in parallel; a reference that fails is reported and left as it is, the others are pinned.
 */
export async function pinDockerfile(text: string, client: RegistryClient, opts: { refresh?: boolean } = {}): Promise<PinFileResult> {
  const model = new DockerfileModel(text);
  const { targets, refused } = pinTargets(model, opts.refresh ?? false);
  const failed = refused.map((r) => notPinnable(r.stage.from.range.start.line, r.stage.image.resolved ?? r.stage.image.raw, r.reason));
  const jobs = targets.map((t) => {
    const at = { line: t.stage.from.range.start.line, editLine: model.rangeOf(t.digestStart, t.digestStart).start.line };
    return pinJob(t, at, (digest) => pinFix(model, t.stage, digest));
  });
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
