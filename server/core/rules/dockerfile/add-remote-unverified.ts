import { cutAtFirst } from '../../text';
import { flagValue, instructionWords, sourcesAndDestination } from '../../dockerfile/words';
import type { DfInstruction } from '../../dockerfile/model';
import type { Fix } from '../../types';
import type { DockerfileRule } from '../rule';
import { cis } from '../rule';

const HTTP = /^https?:\/\//i;

/** A git source as BuildKit reads ADD sources: `git://`, `ssh://`, `git@host:`, or an http(s) URL ending in `.git`. */
function isGit(url: string): boolean {
  if (/^(git|ssh|git\+ssh|git\+https?):\/\//i.test(url) || /^git@[^:/]+:/i.test(url)) return true;
  return HTTP.test(url) && /\.git\/?$/i.test(cutAtFirst(url, '#?'));
}

/** True when a git source names its commit (`#<sha>`, `?commit=`/`?checksum=`). */
function gitPinned(url: string): boolean {
  const fragment = /#([^:]*)/.exec(url)?.[1] ?? '';
  if (/^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(fragment)) return true;
  return /[?&](commit|checksum)=[0-9a-f]{7,}/i.test(url);
}

/** The ref a git source asks for, for the message. */
function gitRef(url: string): string | undefined {
  const fragment = /#([^:]+)/.exec(url)?.[1];
  if (fragment) return fragment;
  return /[?&](?:tag|branch|ref)=([^&#]+)/i.exec(url)?.[1];
}

/** The URL as it may appear in a message: credentials and query strings left out, long ones shortened. */
function displayUrl(url: string): string {
  let shown = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1…@');
  if (shown.includes('?')) shown = `${cutAtFirst(shown, '?')}?…`;
  if (shown.length > 80) shown = `${shown.slice(0, 79)}…`;
  return shown;
}

/**
 * The digest placeholder the quick fix writes. It is not a valid digest (BuildKit parses `--checksum` before
 * downloading and rejects it), so the build fails until the real SHA-256 is filled in: it cannot pass unverified.
 */
export const CHECKSUM_PLACEHOLDER = 'sha256:<digest>';

/**
 * "Add --checksum" for an http(s) source: inserts the flag right after the keyword. Offered only when the ADD has a
 * single source (BuildKit refuses `--checksum` with several). Not safe: the user must look the digest up.
 */
function checksumFix(instr: DfInstruction): Fix[] {
  const at = instr.keywordRange.end;
  return [
    {
      title: `Add --checksum=${CHECKSUM_PLACEHOLDER} (fill in the file's SHA-256)`,
      edits: [{ range: { start: at, end: at }, newText: ` --checksum=${CHECKSUM_PLACEHOLDER}` }],
      safe: false,
      isPreferred: true,
    },
  ];
}

const rule: DockerfileRule = {
  meta: {
    id: 'add-remote-unverified',
    title: 'Remote ADD without checksum',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    scope: 'instruction',
    description:
      'Reports `ADD https://…` / `ADD http://…` without `--checksum=sha256:…`, and `ADD` of a git repository (`….git`, `git@host:…`) that is not pinned to a commit (a full commit hash after `#`, or `--checksum`). URLs built from ARG defaults are resolved; unknown ones are not judged.',
    rationale:
      'Without a checksum the build takes whatever the server returns at build time: a compromised or hijacked download host, a re-tagged release or a man-in-the-middle on plain http puts arbitrary content into the image, and nothing in the build notices. A branch or tag of a git repository can likewise be moved to other commits.',
    howToFix:
      'Download the file once, compute its digest (`curl -fsSL <url> | sha256sum`, or take it from the checksums file the publisher signs and ships with the release) and add it: `ADD --checksum=sha256:<digest> <url> <dest>` (Dockerfile syntax 1.6 or later; one source per ADD). The quick fix inserts `--checksum=sha256:<digest>`: the build fails until `<digest>` is replaced by the 64-hex-digit SHA-256, so a forgotten placeholder cannot slip through. For git sources, pin the commit: `ADD https://github.com/org/repo.git#<full commit sha> /src`.',
    example: {
      bad: 'FROM alpine:3.20\nADD https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /sbin/tini\nRUN chmod +x /sbin/tini',
      good: '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nADD --checksum=sha256:<digest> https://github.com/krallin/tini/releases/download/v0.19.0/tini-static /sbin/tini\nRUN chmod +x /sbin/tini',
    },
    aliases: ['KICS Curl or Wget Instead of Add', 'CIS 4.12'],
    references: [
      cis('4.12', 'Ensure all signed artifacts are validated'),
      { title: 'Dockerfile reference: ADD --checksum', url: 'https://docs.docker.com/reference/dockerfile/#add---checksum' },
      { title: 'Dockerfile reference: adding files from a Git repository', url: 'https://docs.docker.com/reference/dockerfile/#adding-files-from-a-git-repository' },
    ],
  },
  check(ctx) {
    for (const instr of ctx.model.instructionsOf('ADD')) {
      const checksum = flagValue(instr, 'checksum') !== undefined;
      if (checksum) continue;
      const split = sourcesAndDestination(instructionWords(ctx.model, instr));
      if (!split) continue;
      for (const source of split.sources) {
        const url = source.value;
        if (source.heredoc || url === undefined) continue;
        const range = ctx.model.rangeOf(source.start, source.end);
        if (isGit(url)) {
          if (gitPinned(url)) continue;
          const ref = gitRef(url);
          ctx.report(
            range,
            `ADD of git repository \`${displayUrl(cutAtFirst(url, '#'))}\` ${ref ? `at \`${ref}\`` : 'at its default branch'} is not pinned to a commit; the ref can move to other content.`,
          );
        } else if (HTTP.test(url)) {
          const single = split.sources.length === 1;
          ctx.report(range, `ADD downloads \`${displayUrl(url)}\` without \`--checksum\`, so its content is not verified.`, single ? checksumFix(instr) : []);
        }
      }
    }
  },
};

export default rule;
