import { parseImageName } from '../../dockerfile/image-name';
import { eolFinding } from '../../eol/eol';
import type { EolMatch } from '../../eol/eol';
import { eolMessage, eolReplacement } from '../../eol/suggest';
import { mapSpan, sourceOfImage } from '../../fixes/image-source';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import type { Fix, Range } from '../../types';
import type { DockerfileRule } from '../rule';
import { cis } from '../rule';

const rule: DockerfileRule = {
  meta: {
    id: 'eol-base-image',
    title: 'Base image past end of life',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports a `FROM` whose image release is past its end-of-life date in the dated table shipped with Bulwark (Debian, Ubuntu, Alpine, CentOS, Rocky Linux, AlmaLinux, Node.js, Python, PHP, Ruby, Go, OpenJDK/Eclipse Temurin, nginx, PostgreSQL, MySQL, Redis), or whose tag names an end-of-life distribution it is built on (`python:3.12-slim-bullseye`, `node:22-alpine3.16`). Build stages count; stage references, `scratch` and images whose tag is unknown (an ARG without a default) are not reported.',
    rationale:
      'Once a release is past end of life its maintainers publish no more security fixes: every vulnerability found afterwards in its packages, runtime or C library stays open in every image built on it, and scanners report a growing list that can only be fixed by moving to a supported release.',
    howToFix:
      'Move to a supported release of the same image (the hover names one, with the end-of-life date and its source), rebuild and run your tests: a major upgrade can change behaviour. For a distribution suffix, switch it to a supported one (`-bookworm`, `-alpine`).',
    example: {
      bad: 'FROM node:16-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]',
      good: 'FROM node:24-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]',
    },
    aliases: ['CIS 4.4'],
    references: [
      cis('4.4', 'Ensure images are scanned and rebuilt to include security patches'),
      { title: 'Docker docs: choose the right base image', url: 'https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image' },
      { title: 'Bulwark end-of-life table: how it is kept current', url: 'https://github.com/bulwark-security/bulwark/blob/main/server/core/eol/README.md' },
    ],
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of model.stages) {
      if (stage.parent || !stage.imageRange) continue;
      const resolved = stage.image.resolved;
      if (resolved === undefined || resolved === '' || resolved.toLowerCase() === 'scratch') continue;
      const name = parseImageName(resolved);
      if (!name) continue;
      const match = eolFinding(name, ctx.options.now);
      if (!match) continue;
      const shown = stage.image.usesVariables ? `\`${stage.image.raw}\` (\`${resolved}\`)` : `\`${resolved}\``;
      const message = eolMessage(`Base image ${shown}`, match);
      const fix = replacementFix(model, stage, match, ctx.options.now);
      ctx.report(reportRange(model, stage, name.tag), message, fix ? [fix] : undefined);
    }
  },
};

/** The tag as written in the FROM word, else the whole image word. */
function reportRange(model: DockerfileModel, stage: Stage, tag: string | undefined): Range {
  const resolved = stage.image.resolved!;
  const source = sourceOfImage(model, stage);
  if (source && tag !== undefined) {
    const at = resolved.indexOf('@');
    const end = at >= 0 ? at : resolved.length;
    const span = mapSpan(source, end - tag.length, end);
    if (span && !span.piece.arg && !stage.image.usesVariables) return model.rangeOf(span.docStart, span.docEnd);
  }
  return stage.imageRange!;
}

/**
 * Replaces the reference with the table's suggestion, editing only the characters that change, in the FROM word
 * (an inline `${VAR:-default}` included). None when the text comes from an ARG default (the ARG may be used elsewhere),
 * and in the cases eolReplacement gives none (no suggestion, pinned by digest, suggestion itself past end of life).
 */
function replacementFix(model: DockerfileModel, stage: Stage, match: EolMatch, now: Date | string | undefined): Fix | undefined {
  const r = eolReplacement(stage.image.resolved!, match, now);
  const source = r && sourceOfImage(model, stage);
  if (!r || !source) return undefined;
  // Only where the FROM itself writes it: a value from an ARG default may be used elsewhere too (hover suggests it).
  const span = mapSpan(source, r.start, r.end);
  if (!span || span.piece.arg) return undefined;
  return { title: r.title, edits: [{ range: model.rangeOf(span.docStart, span.docEnd), newText: r.newText }], safe: false, isPreferred: true };
}

export default rule;
