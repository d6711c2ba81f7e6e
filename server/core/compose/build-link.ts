/**
 * The link from a Compose service to the Dockerfile it builds (cross-file, through `Host.readFile`): the build
 * context (`build:` as a string, or `build.context`; default `.`) relative to the Compose file's folder, the
 * Dockerfile (`build.dockerfile`, default `Dockerfile`) relative to the context, or `build.dockerfile_inline`; the
 * stage `build.target` selects, else the final stage.
 *
 * Returns undefined whenever the answer is not certain: no `build`, a context or Dockerfile name depending on a
 * variable without a default, a remote context (Git URL, `https://…`, `context: ../x` is fine), a host without
 * `readFile`, a file that cannot be read, an unknown target. Used by compose-root-user and compose-no-healthcheck.
 */
import { DockerfileModel, type Stage } from '../dockerfile/model';
import { endsWithPart } from '../text';
import type { Host } from '../types';
import type { ComposeService } from './model';

export interface DockerfileLink {
  /** Absolute path of the Dockerfile (for `dockerfile_inline`, the Compose file's own path). */
  path: string;
  model: DockerfileModel;
  /** The stage the service runs: `build.target`'s, else the final one. */
  stage: Stage;
  /** True for `build.dockerfile_inline`. */
  inline?: boolean;
}

/**
 * `dockerfile_inline` Dockerfiles, parsed once per service (two rules ask): the text is the Compose file's own, so it
 * cannot change under a service object. Files read through the host are read and parsed on each call.
 */
const inlineModels = new WeakMap<ComposeService, DockerfileModel>();

/** The Dockerfile a service builds, parsed, with the stage it runs; undefined when not certain (see above). */
export function dockerfileFor(service: ComposeService, composePath: string | undefined, host: Host | undefined): DockerfileLink | undefined {
  const build = service.build;
  if (!build) return undefined;
  let model: DockerfileModel | undefined;
  let file: string;
  let inline = false;
  if (build.dockerfileInline) {
    const text = build.dockerfileInline.text;
    if (text === undefined || !composePath) return undefined;
    model = inlineModels.get(service);
    if (model?.text !== text) inlineModels.set(service, (model = new DockerfileModel(text)));
    file = composePath;
    inline = true;
  } else {
    if (!composePath || !host?.readFile) return undefined;
    const ctxText = build.context ? build.context.text : '.';
    if (ctxText === undefined || typeof ctxText !== 'string') return undefined;
    if (isRemote(ctxText)) return undefined;
    const dfText = build.dockerfile ? build.dockerfile.text : 'Dockerfile';
    if (dfText === undefined || typeof dfText !== 'string' || dfText === '') return undefined;
    const { dir, sep } = dirOf(composePath);
    const context = resolvePath(dir, ctxText || '.', sep);
    file = resolvePath(context, dfText, sep);
    model = read(host, file);
    if (!model) return undefined;
  }
  let stage: Stage | undefined;
  if (build.target) {
    const target = build.target.text;
    if (target === undefined || typeof target !== 'string') return undefined;
    stage = model.stageByName(target);
  } else stage = model.finalStage;
  if (!stage) return undefined;
  return { path: file, model, stage, ...(inline ? { inline } : {}) };
}

/** Not cached: a host lives across analyses (the LSP server) while the file changes. */
function read(host: Host, file: string): DockerfileModel | undefined {
  let text: string | undefined;
  try {
    text = host.readFile?.(file);
  } catch {
    return undefined;
  }
  return text === undefined ? undefined : new DockerfileModel(text);
}

/** Git and HTTP(S) contexts, `ssh://`, `git@host:repo`: nothing the host can read as a folder. */
function isRemote(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@/.test(context) || /^github\.com\//.test(context) || endsWithPart(context, '.git', '#');
}

/** The folder of an absolute path (POSIX or Windows separators) and its separator. */
function dirOf(p: string): { dir: string; sep: string } {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  const sep = i >= 0 ? p[i] : '/';
  return { dir: i > 0 ? p.slice(0, i) : i === 0 ? sep : '.', sep };
}

/** True for `/x`, `\\x`, `C:\x`, `C:/x`. */
function isAbsolute(p: string): boolean {
  return /^([/\\]|[a-zA-Z]:[/\\])/.test(p);
}

/** `rel` against `base`, `.` and `..` folded, with `sep` as separator. */
export function resolvePath(base: string, rel: string, sep: string): string {
  const full = isAbsolute(rel) ? rel : `${base}${sep}${rel}`;
  const drive = /^[a-zA-Z]:/.exec(full)?.[0] ?? '';
  const rooted = /^([a-zA-Z]:)?[/\\]/.test(full);
  const parts: string[] = [];
  for (const part of full.slice(drive.length).split(/[/\\]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return drive + (rooted ? sep : '') + parts.join(sep);
}
