/**
 * Pinning a Compose service's `image:` to a digest: the edit half of "Pin to digest" for Compose files (the faces look
 * the digest up over the network, server/registry, and ask this pure code for the edit).
 *
 * The edit only inserts (or, for a refresh, replaces) the `@sha256:…` part right after the reference where it is
 * written, so the tag, the quoting style (`"nginx:1.27"` stays double-quoted), comments, anchors and everything else on
 * the line stay as they are:
 *
 *   image: nginx:1.27              →  image: nginx:1.27@sha256:…
 *   image: "nginx:1.27"  # web     →  image: "nginx:1.27@sha256:…"  # web
 *   image: ${WEB_IMAGE:-nginx:1.27} →  image: ${WEB_IMAGE:-nginx:1.27@sha256:…}   (the default is pinned)
 *
 * Refused, with a reason: a reference assembled from variables and text (`${REGISTRY}/nginx:1.27`), a variable without
 * a default, a value written with escapes or folded over lines (the edit could not be placed exactly), and services
 * that build their image.
 */
import { isScalar } from 'yaml';
import type { ComposeModel, ComposeService } from '../compose/model';
import { parseImageName } from '../dockerfile/image-name';
import type { Fix, Range } from '../types';
import { assertSha256Digest, digestFix, digestOffset, sortPinTargets } from './digest-pin';

export interface ComposePinTarget {
  service: ComposeService;
  /** The reference to look up, without its digest: `nginx:1.27`. */
  reference: string;
  /** The digest written now, when the reference is already pinned. */
  pinnedDigest?: string;
  /** `value`: the reference is the whole `image:` value; `default`: it is the default of `${variable:-…}`. */
  location: 'value' | 'default';
  variable?: string;
  /** Range of the reference as written (inside quotes, or inside the `${…}` default). */
  range: Range;
  /** Document offsets where the `@digest` part starts and ends (equal when there is none yet). */
  digestStart: number;
  digestEnd: number;
}

export interface ComposePinRefusal {
  service: ComposeService;
  reason: string;
}

export function isComposePinRefusal<T extends object>(t: T | ComposePinRefusal): t is ComposePinRefusal {
  return 'reason' in t;
}

/** Where the text of a scalar's string value starts in the document, when each character is written as it reads. */
function verbatimStart(node: unknown, raw: string): number | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  if (node.type === 'PLAIN' && raw === node.value) return node.range[0];
  if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && raw.slice(1, -1) === node.value) return node.range[0] + 1;
  return undefined;
}

/** What pinning this service's image would edit, or why it cannot be pinned automatically. */
export function composePinTarget(model: ComposeModel, service: ComposeService): ComposePinTarget | ComposePinRefusal {
  const image = service.image;
  if (!image) return { service, reason: `Service \`${service.name}\` has no \`image:\` to pin.` };
  if (service.build) return { service, reason: `Service \`${service.name}\` builds its image; \`image:\` names the build's result, not an image to pull.` };
  const { entry, ref } = image;
  const written = entry.scalar;
  if (typeof written !== 'string') return { service, reason: `\`${entry.raw}\` is not an image reference.` };
  const base = verbatimStart(entry.node, entry.raw);
  if (base === undefined) {
    return { service, reason: `The \`image:\` of \`${service.name}\` is written with escapes or over several lines; Bulwark cannot place the digest exactly. Pin it by hand.` };
  }
  // [start, end) of the reference inside the written value.
  let start = 0;
  let end = written.length;
  let variable: string | undefined;
  const interpolation = entry.interpolation;
  if (interpolation) {
    const vars = interpolation.variables;
    const v = vars[0];
    const whole = vars.length === 1 && v.start === 0 && v.end === written.length && v.braced;
    if (!whole || (v.operator !== ':-' && v.operator !== '-')) {
      const detail = vars.length === 1 && whole ? `\`\${${v.name}}\` has no default to pin` : 'it is assembled from variables and other text';
      return { service, reason: `\`${written}\` cannot be pinned automatically: ${detail}. Pin the complete reference in one default (\`\${VAR:-name:tag}\`), or pin it by hand.` };
    }
    const argument = v.argument ?? '';
    if (argument.includes('$')) return { service, reason: `The default of \`\${${v.name}}\` uses other variables; pin it by hand.` };
    start = 2 + v.name.length + v.operator.length;
    end = v.end - 1;
    if (written.slice(start, end) !== argument) return { service, reason: `Bulwark cannot trace where the default of \`\${${v.name}}\` is written; pin it by hand.` };
    variable = v.name;
  }
  const text = written.slice(start, end);
  if (text === '' || (ref.resolved !== undefined && ref.resolved !== text)) {
    return { service, reason: `\`${written}\` does not resolve to one image reference written in one place; pin it by hand.` };
  }
  const name = parseImageName(text);
  if (!name) return { service, reason: `\`${text}\` is not a valid image reference.` };
  const nameEnd = digestOffset(text);
  return {
    service,
    reference: text.slice(0, nameEnd),
    ...(name.digest ? { pinnedDigest: name.digest } : {}),
    location: variable ? 'default' : 'value',
    ...(variable ? { variable } : {}),
    range: model.rangeOf(base + start, base + end),
    digestStart: base + start + nameEnd,
    digestEnd: base + end,
  };
}

/** The quick fix that pins (or re-pins) a service's image to `digest`; a refusal when it cannot be made. */
export function composePinFix(model: ComposeModel, service: ComposeService, digest: string): Fix | ComposePinRefusal {
  assertSha256Digest(digest);
  const target = composePinTarget(model, service);
  if (isComposePinRefusal(target)) return target;
  const where = target.variable ? ` (the default of \${${target.variable}})` : '';
  const fix = digestFix(model.lines, target, digest, where);
  return 'reason' in fix ? { service, reason: fix.reason } : fix;
}

/**
 * Every service image that can be pinned (one target per place written: services sharing an anchor are one), and
 * every one that cannot, with the reason. Services that build, and images unknown at analysis time, are left out of
 * both; `refresh` includes already pinned references.
 */
export function composePinTargets(model: ComposeModel, refresh = false): { targets: ComposePinTarget[]; refused: ComposePinRefusal[] } {
  const candidates = model.services.filter((service) => service.image && !service.build);
  return sortPinTargets<ComposePinTarget, ComposePinRefusal>(candidates.map((service) => composePinTarget(model, service)), refresh);
}

/** The service whose `image:` value contains the offset. */
export function serviceAtOffset(model: ComposeModel, offset: number): ComposeService | undefined {
  for (const service of model.services) {
    const image = service.image;
    if (!image) continue;
    const [s, e] = image.entry.offsets;
    if (s <= offset && offset <= e) return service;
  }
  return undefined;
}
