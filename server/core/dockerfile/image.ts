/**
 * Image references (`[registry/]repository[:tag][@digest]`) as Docker reads them. Shared by the
 * Dockerfile FROM model and, later, compose `image:` keys.
 */
export interface ImageRef {
  /** As written, variables and all. */
  raw: string;
  /** After ARG substitution; undefined when a variable has no known value. */
  resolved?: string;
  /** True when `raw` contains `$` references. */
  usesVariables: boolean;
  /** Registry host (`ghcr.io`, `registry.corp:5000`), undefined for Docker Hub. */
  registry?: string;
  /** Repository path without registry, e.g. `library/node` is written `node`. */
  repository?: string;
  tag?: string;
  /** `sha256:…` */
  digest?: string;
}

export function parseImageRef(raw: string, resolved: string | undefined): ImageRef {
  const ref: ImageRef = { raw, resolved, usesVariables: raw.includes('$') };
  const text = resolved;
  if (text === undefined || text === '') return ref;
  let rest = text;
  const at = rest.indexOf('@');
  if (at >= 0) {
    ref.digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      ref.registry = first.toLowerCase();
      rest = rest.slice(slash + 1);
    }
  }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    ref.tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  ref.repository = rest;
  return ref;
}
