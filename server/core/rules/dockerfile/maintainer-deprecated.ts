import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import { deleteLines, replace } from '../../fixes/edits';
import type { Fix } from '../../types';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

const AUTHORS = 'org.opencontainers.image.authors';

/**
 * The MAINTAINER text as the builder reads it (the rest of the instruction; no variable substitution or quote
 * removal), with escaped line breaks, the comment lines inside them and runs of blanks reduced to one blank.
 */
function maintainerText(model: DockerfileModel, instr: DfInstruction): string {
  const esc = model.escapeChar.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return model.text
    .slice(instr.argsStart, instr.end)
    .replace(new RegExp(`${esc}[ \\t]*\\r?\\n(?:[ \\t]*(?:#[^\\n]*)?\\r?\\n)*`, 'g'), ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** The name the MAINTAINER text gives, without one level of quotes wrapped around all of it. */
function unwrapQuotes(value: string): string {
  const m = /^(["'])([^"']*)\1$/.exec(value);
  return m ? m[2] : value;
}

/**
 * A double-quoted LABEL value that reads back as `value`: inside double quotes the builder removes the escape
 * character before `"`, `$` and itself, and substitutes `$NAME`; everything else is literal.
 */
function quoteLabelValue(value: string, escapeChar: string): string {
  let out = '';
  for (const c of value) out += c === '"' || c === '$' || c === escapeChar ? escapeChar + c : c;
  return `"${out}"`;
}

/** A LABEL in the stage that already sets the OCI authors key. */
function authorsLabel(model: DockerfileModel, instr: DfInstruction): DfInstruction | undefined {
  if (!instr.stage) return undefined;
  return model.instructionsOf('LABEL', instr.stage).find((l) => {
    const props = (l.ast as unknown as { getProperties?: () => { getName(): string }[] }).getProperties?.() ?? [];
    return props.some((p) => p.getName().replace(/^(["'])(.*)\1$/, '$2') === AUTHORS);
  });
}

const rule: DockerfileRule = {
  meta: {
    id: 'maintainer-deprecated',
    title: 'Deprecated MAINTAINER instruction',
    severity: 'info',
    category: 'correctness',
    kind: 'dockerfile',
    description: 'Reports every `MAINTAINER` instruction.',
    rationale:
      "`MAINTAINER` has been deprecated since Docker 1.13: it only fills the image's legacy `author` field, which registries, scanners and `docker inspect` users look for in the OCI label `org.opencontainers.image.authors` instead, so the contact information is effectively invisible.",
    howToFix: `Replace it with \`LABEL ${AUTHORS}="Jane Doe <jane@example.com>"\`.`,
    example: {
      bad: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nRUN apk add --no-cache curl',
      good: `FROM alpine:3.20\nLABEL ${AUTHORS}="Jane Doe <jane@example.com>"\nRUN apk add --no-cache curl`,
    },
    aliases: ['DL4000', 'BK MaintainerDeprecated', 'DS0022', 'CKV_DOCKER_6'],
    references: [
      hadolint('DL4000'),
      { title: 'BuildKit check: MaintainerDeprecated', url: 'https://docs.docker.com/reference/build-checks/maintainer-deprecated/' },
      { title: 'Dockerfile reference: MAINTAINER (deprecated)', url: 'https://docs.docker.com/reference/dockerfile/#maintainer-deprecated' },
      { title: 'OCI image spec: pre-defined annotation keys', url: 'https://github.com/opencontainers/image-spec/blob/main/annotations.md' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.instructionsOf('MAINTAINER')) {
      const value = unwrapQuotes(maintainerText(model, instr));
      const fixes: Fix[] = [];
      const existing = authorsLabel(model, instr);
      if (existing) {
        // Turning it into a second authors label would silently override (or be overridden by) the existing one.
        fixes.push({
          title: `Remove MAINTAINER (line ${existing.range.start.line + 1} already sets ${AUTHORS})`,
          edits: [deleteLines(model.lines, instr.range.start.line, instr.range.end.line)],
          safe: false,
          isPreferred: true,
        });
      } else if (value !== '') {
        fixes.push({
          title: `Replace MAINTAINER with LABEL ${AUTHORS}`,
          edits: [replace(model.rangeOf(instr.start, instr.end), `LABEL ${AUTHORS}=${quoteLabelValue(value, model.escapeChar)}`)],
          safe: true,
          isPreferred: true,
        });
      }
      ctx.report(instr.keywordRange, `MAINTAINER is deprecated: record the maintainer in the \`${AUTHORS}\` label instead.`, fixes);
    }
  },
};

export default rule;
