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
