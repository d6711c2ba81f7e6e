/**
 * The short (string) syntaxes of Compose `ports` and `volumes` entries, split into their parts with offsets into the
 * string, as compose-go reads them. Pure functions over strings; the model maps the offsets to ranges.
 */

/** Half-open offsets into the parsed string. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

function span(s: string, start: number, end: number): Span {
  return { start, end, text: s.slice(start, end) };
}

export interface PortSpec {
  hostIp?: Span;
  /** The host port or range (`8080`, `8000-8010`); absent when Compose picks a random host port. */
  published?: Span;
  /** The container port or range. */
  target: Span;
  protocol?: Span;
}

/**
 * `[[HOST_IP:][HOST_PORT]:]CONTAINER_PORT[/PROTOCOL]`; IPv6 host addresses in brackets (`[::1]:8080:80`) or bare
 * (`::1:8080:80`). Undefined when the text has no container port.
 */
export function parsePortSpec(s: string): PortSpec | undefined {
  let end = s.length;
  let protocol: Span | undefined;
  const slash = s.lastIndexOf('/');
  if (slash >= 0) {
    protocol = span(s, slash + 1, s.length);
    end = slash;
  }
  let hostIp: Span | undefined;
  let start = 0;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close < 0 || close > end || s[close + 1] !== ':') return undefined;
    hostIp = span(s, 1, close);
    start = close + 2;
  }
  const body = s.slice(start, end);
  const parts: Span[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || s[i] === ':') {
      parts.push(span(s, from, i));
      from = i + 1;
    }
  }
  if (body === '' || parts.length === 0) return undefined;
  const target = parts[parts.length - 1];
  if (target.text === '') return undefined;
  const spec: PortSpec = { target, ...(protocol ? { protocol } : {}) };
  if (hostIp) {
    if (parts.length > 2) return undefined;
    spec.hostIp = hostIp;
    if (parts.length === 2 && parts[0].text !== '') spec.published = parts[0];
    return spec;
  }
  if (parts.length === 2) {
    if (parts[0].text !== '') spec.published = parts[0];
  } else if (parts.length >= 3) {
    // ip:host:container; an unbracketed IPv6 address holds colons of its own.
    const published = parts[parts.length - 2];
    spec.hostIp = span(s, parts[0].start, parts[parts.length - 3].end);
    if (published.text !== '') spec.published = published;
  }
  return spec;
}

/** A port or port range: `80`, `8000-8010`. Undefined when not numeric. */
export function parsePortRange(text: string): { start: number; end: number } | undefined {
  const m = /^\s*(\d{1,6})(?:\s*-\s*(\d{1,6}))?\s*$/.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] !== undefined ? Number(m[2]) : start;
  return { start, end };
}

export type MountType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';

export interface VolumeSpec {
  /** Host path or volume name; absent for an anonymous volume (`/data`). */
  source?: Span;
  target?: Span;
  /** The options after the second colon (`ro`, `rw,z`, `rshared`, `nocopy`). */
  mode?: Span;
  /** Each comma-separated option of `mode`. */
  options: Span[];
  type: 'bind' | 'volume';
}

/** True when a short-syntax volume source names a host path rather than a named volume. */
export function isHostPath(source: string): boolean {
  return /^[./~]/.test(source) || /^[a-zA-Z]:[\\/]?/.test(source) || source.startsWith('\\\\');
}

/**
 * `[SOURCE:]TARGET[:MODE]`, where a Windows drive letter (`C:\data`) does not split. A single part is the target of an
 * anonymous volume.
 */
export function parseVolumeSpec(s: string): VolumeSpec {
  const parts: Span[] = [];
  let from = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length) {
      parts.push(span(s, from, i));
      break;
    }
    if (s[i] !== ':') continue;
    // A one-letter part followed by `:` is a drive letter (compose-go's isWindowsDrive), when a path follows.
    if (i - from === 1 && /[a-zA-Z]/.test(s[from]) && /[\\/]/.test(s[i + 1] ?? '')) continue;
    parts.push(span(s, from, i));
    from = i + 1;
  }
  const spec: VolumeSpec = { options: [], type: 'volume' };
  if (parts.length === 1) {
    spec.target = parts[0];
    return spec;
  }
  spec.source = parts[0];
  spec.target = parts[1];
  if (parts.length >= 3) {
    const mode = span(s, parts[2].start, parts[parts.length - 1].end);
    spec.mode = mode;
    let o = mode.start;
    for (let i = mode.start; i <= mode.end; i++) {
      if (i === mode.end || s[i] === ',') {
        if (i > o) spec.options.push(span(s, o, i));
        o = i + 1;
      }
    }
  }
  spec.type = spec.source.text !== '' && isHostPath(spec.source.text) ? 'bind' : 'volume';
  return spec;
}

/** Bind propagation modes that may appear among short-syntax options. */
export const PROPAGATION_MODES: ReadonlySet<string> = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);
