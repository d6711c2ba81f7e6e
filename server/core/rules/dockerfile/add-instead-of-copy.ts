import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import { flagValue, instructionWords, sourcesAndDestination, type InstrWord } from '../../dockerfile/words';
import type { Fix } from '../../types';
import type { DockerfileRule } from '../rule';
import { cis, hadolint } from '../rule';

/** Tar archives, plain or compressed, which ADD unpacks into the destination. */
const TAR_ARCHIVE = /\.(tar|tar\.(gz|bz2|xz|zst|zstd)|tgz|tbz2?|txz|tzst)$/i;
/**
 * A single compressed file: ADD unpacks it only when its content is a tar archive, which the name
 * does not tell; not judged.
 */
const MAYBE_ARCHIVE = /\.(gz|bz2|xz|zst|zstd)$/i;
/** Remote sources (http(s), git) are add-remote-unverified's business. */
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@[^:/]+:)/i;

/** Flags only ADD understands: with them, COPY would fail (or behave differently), so no fix is offered. */
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

/** True when `source` is copied the same way by COPY: a known local path that is not (possibly) an archive, or a heredoc. */
function plainLocal(source: InstrWord): boolean {
  if (source.heredoc) return true;
  const v = source.value;
  return v !== undefined && v !== '' && !REMOTE.test(v) && !TAR_ARCHIVE.test(v) && !MAYBE_ARCHIVE.test(v);
}

/** `ADD` → `COPY` in the keyword's case (`add` → `copy`, `Add` → `Copy`). */
function copyKeyword(written: string): string {
  if (written === written.toLowerCase()) return 'copy';
  if (written === written.toUpperCase()) return 'COPY';
  return 'Copy';
}

/**
 * "Replace ADD with COPY", offered only when COPY does exactly what this ADD does: every source is a known local path
 * that is not an archive ADD would unpack (nor a URL), and no ADD-only flag (`--checksum`, `--keep-git-dir`, `--unpack`)
 * is used. Safe: COPY accepts the same `--chown`, `--chmod`, `--link` and `--exclude` flags.
 */
function replaceWithCopy(model: DockerfileModel, instr: DfInstruction, sources: InstrWord[]): Fix[] {
  if (instr.flags.some((f) => ADD_ONLY_FLAGS.has(f.name.toLowerCase()))) return [];
  if (!sources.every(plainLocal)) return [];
  return [{ title: 'Replace ADD with COPY', edits: [{ range: instr.keywordRange, newText: copyKeyword(model.textOf(instr.keywordRange)) }], safe: true, isPreferred: true }];
}

const rule: DockerfileRule = {
  meta: {
    id: 'add-instead-of-copy',
    title: 'ADD used to copy local files',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports `ADD` whose sources include local files or folders that are not tar archives to unpack (`.tar`, `.tar.gz`/`.tgz`, `.tar.bz2`/`.tbz2`, `.tar.xz`/`.txz`, `.tar.zst`), or inline heredocs. `ADD` of URLs and git repositories is left to `add-remote-unverified`; a single compressed file (`.gz`, `.xz` …) is not judged, as ADD unpacks it only if its content is a tar archive.',
    rationale:
      '`ADD` does more than copy: it unpacks any tar archive it is given and fetches URLs, so what lands in the image depends on the content of the source, not just its path. Using it for plain files hides which behaviour was intended and lets a file that turns out to be an archive expand into the image unnoticed; `COPY` copies exactly what it names.',
    howToFix:
      'Replace `ADD` with `COPY`; the flags (`--chown`, `--chmod`, `--link`, `--exclude`) are the same. Keep `ADD` only where you want a local tar archive unpacked; note that `ADD` never unpacks `.zip` files. The quick fix is offered when every source is a plain local path and no ADD-only flag (`--checksum`, `--keep-git-dir`, `--unpack`) is used; split an `ADD` that mixes plain files with archives or URLs by hand.',
    example: {
      bad: 'FROM nginx:1.27-alpine\nADD nginx.conf /etc/nginx/conf.d/default.conf\nADD site/ /usr/share/nginx/html/',
      good: 'FROM nginx:1.27-alpine\nCOPY nginx.conf /etc/nginx/conf.d/default.conf\nCOPY site/ /usr/share/nginx/html/',
    },
    aliases: ['DL3020', 'DS0005', 'CKV_DOCKER_4', 'KICS Add Instead of Copy', 'CIS 4.9'],
    references: [
      cis('4.9', 'Ensure that COPY is used instead of ADD in Dockerfiles'),
      hadolint('DL3020'),
      { title: 'Docker docs: ADD or COPY', url: 'https://docs.docker.com/build/building/best-practices/#add-or-copy' },
    ],
  },
  check(ctx) {
    for (const instr of ctx.model.instructionsOf('ADD')) {
      // `ADD --from` is not valid Dockerfile; syntax checks report it.
      if (flagValue(instr, 'from') !== undefined) continue;
      const split = sourcesAndDestination(instructionWords(ctx.model, instr));
      if (!split) continue;
      const local = split.sources.find((s) => {
        if (s.heredoc) return true;
        const v = s.value;
        if (v === undefined || v === '') return false;
        return !REMOTE.test(v) && !TAR_ARCHIVE.test(v) && !MAYBE_ARCHIVE.test(v);
      });
      if (!local) continue;
      const what = local.heredoc
        ? 'an inline heredoc'
        : /\.zip$/i.test(local.value ?? '')
          ? `\`${local.text}\` (ADD does not unpack .zip files)`
          : `the local path \`${local.text}\``;
      ctx.report(
        instr.keywordRange,
        `ADD of ${what} is a plain copy; use COPY, which does not unpack archives or fetch URLs.`,
        replaceWithCopy(ctx.model, instr, split.sources),
      );
    }
  },
};

export default rule;
