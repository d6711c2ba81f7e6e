/**
 * Document URIs → what the core needs: a file-system path (for `file:` URIs only) and a name to detect the
 * file kind from. Mirrors vscode-uri's `fsPath` without the dependency.
 */

/** Percent-decodes runs of escapes; a malformed escape is left as it is instead of throwing. */
function decode(text: string): string {
  return text.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

interface UriParts {
  scheme: string;
  authority: string;
  path: string;
}

function parse(uri: string): UriParts | undefined {
  const m = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)/.exec(uri);
  if (!m) return undefined;
  return { scheme: m[1].toLowerCase(), authority: decode(m[2] ?? ''), path: decode(m[3]) };
}

/**
 * The file-system path of a `file:` URI (`file:///home/a/Dockerfile` → `/home/a/Dockerfile`,
 * `file:///c%3A/x/Dockerfile` → `c:\x\Dockerfile` on Windows, `file://server/share/x` → UNC path);
 * undefined for any other scheme (untitled:, vscode-vfs:, …).
 */
export function uriToFsPath(uri: string, platform: NodeJS.Platform = process.platform): string | undefined {
  const parts = parse(uri);
  if (!parts || parts.scheme !== 'file') return undefined;
  const { authority, path } = parts;
  let result: string;
  if (authority && authority.toLowerCase() !== 'localhost' && path.length > 1) {
    result = `//${authority}${path}`;
  } else if (/^\/[a-zA-Z]:/.test(path)) {
    result = path[1].toLowerCase() + path.slice(2);
  } else {
    result = path || '/';
  }
  return platform === 'win32' ? result.replace(/\//g, '\\') : result;
}

/** The decoded path part of any URI (`untitled:Dockerfile` → `Dockerfile`), for detecting a file's kind by name. */
export function uriPath(uri: string): string {
  return parse(uri)?.path ?? uri;
}

/**
 * The `file:` URI of an absolute file-system path (the inverse of `uriToFsPath`): `/home/a/.dockerignore` →
 * `file:///home/a/.dockerignore`, `c:\x\.dockerignore` → `file:///c%3A/x/.dockerignore` (VS Code's spelling),
 * `\\server\share\x` → `file://server/share/x`.
 */
export function fsPathToUri(fsPath: string, platform: NodeJS.Platform = process.platform): string {
  let p = platform === 'win32' ? fsPath.replace(/\\/g, '/') : fsPath;
  let authority = '';
  if (platform === 'win32' && p.startsWith('//')) {
    const end = p.indexOf('/', 2);
    authority = end === -1 ? p.slice(2) : p.slice(2, end);
    p = end === -1 ? '/' : p.slice(end);
  } else if (/^[a-zA-Z]:/.test(p)) {
    p = `/${p[0].toLowerCase()}${p.slice(1)}`;
  }
  if (!p.startsWith('/')) p = `/${p}`;
  // Percent-encode each segment as encodeURIComponent does, as VS Code's URI does (`:` too: `c%3A`).
  const path = p
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
  return `file://${encodeURIComponent(authority)}${path}`;
}
