/**
 * End-of-life look-ups for base images, from the dated table shipped with the extension (eol-table.json; how it is
 * kept current: README.md beside it). Pure: "today" is passed in, so results are reproducible.
 */
import tableJson from './eol-table.json';
import { DOCKER_HUB, familiarName, parseImageName } from '../dockerfile/image-name';
import type { ImageName } from '../dockerfile/image-name';

export interface EolRelease {
  release: string;
  tags: string[];
  eol: string;
  note?: string;
  replacement?: string | string[];
  /** Where this row's date was checked (shown in the hover); the family's `source` is the project's own page. */
  source: string;
  /** The day this row was last checked against its source. */
  checked: string;
}

export interface EolFamily {
  family: string;
  name: string;
  images: string[];
  source: string;
  note?: string;
  distro?: boolean;
  javaVariants?: boolean;
  exclude?: string;
  /** Variant tokens the suggested releases no longer publish (`mysql:5.7-debian` → `mysql:8.4`, not `8.4-debian`). */
  dropVariants?: string[];
  releases: EolRelease[];
}

export interface EolTable {
  checked: string;
  families: EolFamily[];
  distroSuffixImages: string[];
}

export const eolTable: EolTable = tableJson as EolTable;

export interface EolMatch {
  /** What the date is about: the image's own release, or the distribution its tag says it is built on. */
  kind: 'release' | 'base';
  family: EolFamily;
  release: EolRelease;
  /** `Node.js 16 (gallium)` */
  label: string;
  /** `YYYY-MM-DD` */
  eol: string;
  /** True when `today` is on or after the end-of-life date. */
  isEol: boolean;
  source: string;
  /** The day the row was last checked against `source`. */
  checked: string;
  /** The suggested reference (familiar form, digest dropped), when the table has one. */
  replacement?: string;
}

/** `YYYY-MM-DD` for a Date or a date string; today (UTC) when undefined. */
export function isoDay(now?: Date | string): string {
  if (now === undefined) return today();
  if (typeof now === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}/.test(now)) throw new Error(`not a YYYY-MM-DD date: ${now}`);
    return now.slice(0, 10);
  }
  return now.toISOString().slice(0, 10);
}

/** Today (UTC), `YYYY-MM-DD`: formatted once per day rather than once per image reference (every analysis asks). */
let todayText = '';
let todayEnds = -Infinity;
function today(): string {
  const ms = Date.now();
  if (ms >= todayEnds || ms < todayEnds - DAY_MS) {
    const date = new Date(ms);
    todayText = date.toISOString().slice(0, 10);
    todayEnds = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) + DAY_MS;
  }
  return todayText;
}
const DAY_MS = 86_400_000;

/** Canonical repositories (`docker.io/library/node`) an entry's `images` name, Docker Hub mirrors included. */
function canonicalImages(images: string[]): string[] {
  const out: string[] = [];
  for (const image of images) {
    const name = parseImageName(image);
    if (!name) continue;
    out.push(`${name.registry}/${name.repository}`);
    if (name.registry === DOCKER_HUB && name.repository.startsWith('library/')) {
      const short = name.repository.slice('library/'.length);
      out.push(`public.ecr.aws/docker/library/${short}`, `mirror.gcr.io/library/${short}`);
    }
  }
  return out;
}

const familiesByImage = new Map<string, EolFamily>();
for (const family of eolTable.families) for (const image of canonicalImages(family.images)) familiesByImage.set(image, family);
const suffixImages = new Set(canonicalImages(eolTable.distroSuffixImages));
for (const family of eolTable.families) if (!family.distro) for (const image of canonicalImages(family.images)) suffixImages.add(image);

interface TagMatch {
  release: EolRelease;
  prefix: string;
  prefixIndex: number;
}

/** Whether `tag` starts with the version or codename `prefix` (`16` matches `16`, `16.20.2-alpine`, not `160`). */
export function tagHasPrefix(tag: string, prefix: string): boolean {
  if (prefix === '*') return true;
  if (!tag.startsWith(prefix)) return false;
  if (tag.length === prefix.length) return true;
  const next = tag[prefix.length];
  if (next === '.' || next === '-' || next === '_') return true;
  return /[0-9]$/.test(prefix) && /[a-z]/i.test(next);
}

/** The release of `family` a tag names: the longest matching prefix wins (`5.6` over `5`), `*` last. */
function matchTag(family: EolFamily, tag: string): TagMatch | undefined {
  if (family.exclude && new RegExp(family.exclude).test(tag)) return undefined;
  let best: TagMatch | undefined;
  for (const release of family.releases) {
    release.tags.forEach((prefix, prefixIndex) => {
      if (!tagHasPrefix(tag, prefix)) return;
      const length = prefix === '*' ? -1 : prefix.length;
      const bestLength = best ? (best.prefix === '*' ? -1 : best.prefix.length) : -2;
      if (length > bestLength) best = { release, prefix, prefixIndex };
    });
  }
  return best;
}

function replacementOf(release: EolRelease, prefixIndex: number): string | undefined {
  const r = release.replacement;
  if (r === undefined) return undefined;
  return Array.isArray(r) ? r[prefixIndex] ?? r[0] : r;
}

function labelOf(family: EolFamily, release: EolRelease): string {
  return `${family.name} ${release.release}`;
}

const distroFamilies = eolTable.families.filter((f) => f.distro);

/** The distribution a variant token names (`bullseye`, `focal`, `alpine3.16`), as a distro family release. */
function distroOfToken(token: string): { family: EolFamily; release: EolRelease; prefixIndex: number } | undefined {
  const alpine = /^alpine(\d+\.\d+)$/.exec(token);
  for (const family of distroFamilies) {
    if (alpine && family.family !== 'alpine') continue;
    const version = alpine ? alpine[1] : token;
    for (const release of family.releases) {
      const prefixIndex = release.tags.findIndex((t) => t === version && (alpine || /^[a-z]+$/.test(t)));
      if (prefixIndex >= 0) return { family, release, prefixIndex };
    }
  }
  return undefined;
}

/** The variant part of a tag after its version (`-bullseye-slim` of `16.20.2-bullseye-slim`), split into tokens. */
function variantTokens(tag: string, prefix: string): string[] {
  const rest = prefix === '*' ? '' : tag.slice(prefix.length);
  const dash = rest.indexOf('-');
  return dash < 0 ? [] : rest.slice(dash + 1).split('-').filter((t) => t !== '');
}

/** Variant tokens without end-of-life distribution suffixes (`buster` dropped, `alpine3.16` → `alpine`) and dates. */
function normalizeVariant(tokens: string[], today: string): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    if (/^\d{8}$/.test(token)) continue;
    if (/^alpine\d+\.\d+$/.test(token)) {
      out.push('alpine');
      continue;
    }
    // An end-of-life distribution suffix is dropped: the image's default variant is built on a supported one, and
    // that tag certainly exists (`-slim-bullseye` → `-slim`).
    const distro = distroOfToken(token);
    if (distro && today >= distro.release.eol) continue;
    out.push(token);
  }
  return out;
}

/** The suggested reference for `name` with `release` replaced (digest dropped), or undefined. */
function suggestion(name: ImageName, family: EolFamily, match: TagMatch, today: string): string | undefined {
  const replacement = replacementOf(match.release, match.prefixIndex);
  if (!replacement) return undefined;
  const tokens = name.tag === undefined ? [] : variantTokens(name.tag, match.prefix);
  const variant = normalizeVariant(tokens, today).filter((t) => !family.dropVariants?.includes(t));
  if (replacement.includes(':')) {
    const target = parseImageName(replacement);
    if (!target) return undefined;
    let tag = target.tag ?? '';
    if (family.javaVariants) {
      tag += variant.includes('jre') || tokens.some((t) => t.startsWith('jre')) ? '-jre' : '-jdk';
      if (variant.includes('alpine')) tag += '-alpine';
    }
    return familiarName({ ...target, tag, digest: undefined });
  }
  const tag = [replacement, ...variant].join('-');
  return familiarName({ ...name, tag, digest: undefined });
}

/**
 * What the table says about an image reference: its own release (`node:16` → Node.js 16) and, for images whose tag
 * names the distribution they are built on (`python:3.12-slim-bullseye`), that distribution's release.
 */
export function eolInfo(reference: string | ImageName, now?: Date | string): { release?: EolMatch; base?: EolMatch } {
  const name = typeof reference === 'string' ? parseImageName(reference) : reference;
  if (!name) return {};
  const today = isoDay(now);
  const out: { release?: EolMatch; base?: EolMatch } = {};
  const family = familiesByImage.get(`${name.registry}/${name.repository}`);
  const tag = name.tag ?? 'latest';
  if (family) {
    const match = matchTag(family, tag);
    if (match) {
      out.release = {
        kind: 'release',
        family,
        release: match.release,
        label: labelOf(family, match.release),
        eol: match.release.eol,
        isEol: today >= match.release.eol,
        source: match.release.source,
        checked: match.release.checked,
        replacement: suggestion(name, family, match, today),
      };
    }
  }
  if (name.tag !== undefined && suffixImages.has(`${name.registry}/${name.repository}`)) {
    const tokens = name.tag.split('-').slice(1);
    for (const token of tokens) {
      const distro = distroOfToken(token);
      if (!distro) continue;
      const variant = normalizeVariant(tokens, today);
      const head = name.tag.split('-')[0];
      out.base = {
        kind: 'base',
        family: distro.family,
        release: distro.release,
        label: labelOf(distro.family, distro.release),
        eol: distro.release.eol,
        isEol: today >= distro.release.eol,
        source: distro.release.source,
        checked: distro.release.checked,
        replacement: variant.join('-') === tokens.join('-') ? undefined : familiarName({ ...name, tag: [head, ...variant].join('-'), digest: undefined }),
      };
      break;
    }
  }
  return out;
}

/** The end-of-life finding to report for a reference, if any: its own release first, else its base distribution. */
export function eolFinding(reference: string | ImageName, now?: Date | string): EolMatch | undefined {
  const info = eolInfo(reference, now);
  if (info.release?.isEol) return info.release;
  if (info.base?.isEol) return info.base;
  return undefined;
}
