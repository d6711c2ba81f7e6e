/**
 * "Pin to digest", "Refresh digest", `bulwark pin` and the image hover for Compose files: the digest is looked up with
 * a RegistryClient, the edit comes from the pure core (server/core/fixes/compose-pin.ts). Nothing here writes files.
 */
import { ComposeModel } from '../core/compose/model';
import { parseImageName } from '../core/dockerfile/image-name';
import { composePinFix, composePinTarget, composePinTargets, isComposePinRefusal, serviceAtOffset } from '../core/fixes/compose-pin';
import type { Fix, Position, Range } from '../core/types';
import type { RegistryClient } from './client';
import { movedDigest, referenceStatus } from './image-status';
import type { ImageStatus, ImageStatusOptions, MovedDigest } from './image-status';
import { lookUpPinFix, notPinnable, pinJob, pinJobs } from './pin-jobs';
import type { PinFileResult } from './pin-jobs';

/**
 * Pins every unpinned service image of a Compose file (`refresh`: also re-pins pinned ones whose tag moved): each
 * reference looked up once; one that fails is reported and left as it is, the others are pinned.
 */
export async function pinComposeFile(text: string, client: RegistryClient, opts: { refresh?: boolean } = {}): Promise<PinFileResult> {
  const model = new ComposeModel(text);
  const { targets, refused } = composePinTargets(model, opts.refresh ?? false);
  const failed = refused.map((r) => {
    const image = r.service.image;
    const line = (image?.entry.range ?? r.service.definitions[0]?.keyRange ?? model.rangeOf(0, 0)).start.line;
    return notPinnable(line, image ? (image.ref.resolved ?? image.ref.raw) : undefined, r.reason);
  });
  const jobs = targets.map((t) => pinJob(t, { line: t.range.start.line, editLine: t.range.start.line }, (digest) => composePinFix(model, t.service, digest)));
  return pinJobs(text, model.lines, jobs, failed, client, opts.refresh ?? false);
}

/**
 * The "Pin to digest" / "Refresh digest" fix for one service, looked up now. Throws a RegistryError when the look-up
 * fails, an Error when the image cannot be pinned automatically; nothing is half-applied.
 */
export async function pinComposeServiceFix(text: string, serviceName: string, client: RegistryClient, opts: { fresh?: boolean } = {}): Promise<Fix> {
  const model = new ComposeModel(text);
  const service = model.services.find((s) => s.name === serviceName);
  if (!service) throw new Error(`The Compose file has no service \`${serviceName}\`: it changed since the action was offered.`);
  return lookUpPinFix(composePinTarget(model, service), client, opts.fresh, (digest) => composePinFix(model, service, digest));
}

/** The hover's facts about the `image:` under `position` (see imageStatusAt for Dockerfiles). */
export async function composeImageStatusAt(text: string, position: Position, client: RegistryClient | undefined, opts: ImageStatusOptions = {}): Promise<ImageStatus | undefined> {
  const model = new ComposeModel(text);
  const service = serviceAtOffset(model, model.lines.offsetAt(position));
  const image = service?.image;
  if (!service || !image || service.build) return undefined;
  const resolved = image.ref.resolved;
  const name = resolved ? parseImageName(resolved) : undefined;
  if (!resolved || !name) return undefined;
  const target = composePinTarget(model, service);
  const place = { service: service.name, range: image.entry.range };
  return referenceStatus(place, resolved, name, isComposePinRefusal(target) ? target.reason : undefined, client, opts);
}

/** Services pinned to a digest that an earlier look-up (cache only, no network) found the tag has moved away from. */
export function composeMovedDigests(text: string, client: RegistryClient): Array<{ service: string; range: Range } & MovedDigest> {
  const model = new ComposeModel(text);
  const out: Array<{ service: string; range: Range } & MovedDigest> = [];
  for (const service of model.services) {
    const target = composePinTarget(model, service);
    if (isComposePinRefusal(target) || !target.pinnedDigest) continue;
    const name = parseImageName(target.reference);
    const moved = name ? movedDigest(name, target.pinnedDigest, client) : undefined;
    if (moved) out.push({ service: service.name, range: service.image!.entry.range, ...moved });
  }
  return out;
}
