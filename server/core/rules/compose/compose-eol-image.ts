import { parseImageName } from '../../dockerfile/image-name';
import { eolFinding } from '../../eol/eol';
import { eolMessage, eolReplacement } from '../../eol/suggest';
import type { ComposeEntry } from '../../compose/model';
import type { EolMatch } from '../../eol/eol';
import type { Fix } from '../../types';
import type { ComposeRule } from '../rule';
import { cis } from '../rule';

/**
 * The Compose counterpart of eol-base-image: a service's `image:` whose release (or the distribution its tag names) is
 * past end of life in the dated table (server/core/eol/). Services with `build:` are exempt (their `image:` names the
 * build's output); interpolated references are judged by their default, unknown ones not at all.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-eol-image',
    title: 'Service image past end of life',
    severity: 'warning',
    category: 'security',
    kind: 'compose',
    description:
      'Reports a service whose `image:` release is past its end-of-life date in the dated table shipped with Bulwark (the same table as `eol-base-image`: Debian, Ubuntu, Alpine, CentOS, Rocky Linux, AlmaLinux, Node.js, Python, PHP, Ruby, Go, OpenJDK/Eclipse Temurin, nginx, PostgreSQL, MySQL, Redis), or whose tag names an end-of-life distribution (`redis:7.2-bullseye`, `postgres:16-alpine3.18`). Services with a `build:` section are exempt; interpolated references are judged by their default.',
    rationale:
      'A database, cache or proxy image past end of life gets no more security fixes: every vulnerability found afterwards stays open in the running service, which is often the one holding the data.',
    howToFix:
      'Move to a supported release of the same image (the hover names one, with the end-of-life date and its source) and test the upgrade: a major database upgrade usually needs a dump and restore or `pg_upgrade`. For a distribution suffix, switch to a supported one (`-bookworm`, `-alpine`).',
    example: {
      bad: 'services:\n  db:\n    image: postgres:12-alpine\n',
      good: 'services:\n  db:\n    image: postgres:16-alpine\n',
    },
    aliases: [],
    references: [
      cis('4.4', 'Ensure images are scanned and rebuilt to include security patches'),
      { title: 'Bulwark end-of-life table: how it is kept current', url: 'https://github.com/bulwark-security/bulwark/blob/main/server/core/eol/README.md' },
    ],
  },
  check(ctx) {
    for (const service of ctx.model.services) {
      if (service.build) continue;
      const image = service.image;
      if (!image) continue;
      const resolved = image.ref.resolved;
      if (resolved === undefined || resolved === '') continue;
      const name = parseImageName(resolved);
      if (!name) continue;
      const match = eolFinding(name, ctx.options.now);
      if (!match) continue;
      const shown = image.ref.usesVariables ? `\`${image.ref.raw}\` (\`${resolved}\`)` : `\`${resolved}\``;
      const fix = replacementFix(image.entry, resolved, match, ctx.options.now);
      ctx.report(image.entry.valueRange, eolMessage(`Image ${shown} of service \`${service.name}\``, match), fix ? [fix] : undefined);
    }
  },
};

/**
 * Rewrites the part of the `image:` value that changes, where the resolved reference is written literally once in
 * the value (a plain or quoted scalar, or an inline `${VAR:-default}`); no fix when it is spread over a variable.
 */
function replacementFix(entry: ComposeEntry, resolved: string, match: EolMatch, now: Date | string | undefined): Fix | undefined {
  const r = eolReplacement(resolved, match, now);
  if (!r) return undefined;
  const [start, end] = entry.offsets;
  const written = entry.model.text.slice(start, end);
  const at = written.indexOf(resolved);
  if (at < 0 || written.indexOf(resolved, at + 1) >= 0) return undefined;
  const from = start + at + r.start;
  return { title: r.title, edits: [{ range: entry.model.rangeOf(from, start + at + r.end), newText: r.newText }], safe: false, isPreferred: true };
}

export default rule;
