/**
 * Human explanations of rules and findings, rendered as Markdown from rule metadata. The hover, the
 * generated docs/rules pages and the README's rule list all come from here, so they cannot drift.
 */
import { getRule } from './rules';
import { ruleDocUrl } from './rules/rule';
import type { Finding, RuleMeta } from './types';

const SEVERITY_LABEL: Record<string, string> = { error: 'Error', warning: 'Warning', info: 'Info', off: 'Off by default' };

function aliasLine(meta: RuleMeta): string | undefined {
  return meta.aliases.length ? `**Also known as:** ${meta.aliases.map((a) => `\`${a}\``).join(', ')}` : undefined;
}

function referenceList(meta: RuleMeta): string[] {
  return meta.references.map((r) => `- [${r.title}](${r.url})`);
}

/** Hover text for a finding: what was found, why it is dangerous, how to fix it, references. */
export function explainFinding(finding: Finding): string {
  const rule = getRule(finding.ruleId);
  if (!rule) return finding.message;
  const meta = rule.meta;
  const parts = [
    `**${meta.title}** — \`${meta.id}\` (${finding.severity})`,
    finding.message,
    `**Why it matters.** ${meta.rationale}`,
    `**How to fix.** ${meta.howToFix}`,
  ];
  const refs = referenceList(meta);
  const alias = aliasLine(meta);
  if (alias) parts.push(alias);
  parts.push([...refs, `- [Rule documentation](${ruleDocUrl(meta.id)})`].join('\n'));
  return parts.join('\n\n');
}

/** The docs/rules/<id>.md page. */
export function ruleDocPage(meta: RuleMeta): string {
  const fence = meta.kind === 'compose' ? 'yaml' : 'dockerfile';
  const lines = [
    `# ${meta.id}`,
    '',
    `**${meta.title}** · severity: ${SEVERITY_LABEL[meta.severity]} · category: ${meta.category} · ${meta.kind === 'compose' ? 'Compose' : 'Dockerfile'}`,
    '',
    '<!-- Generated from the rule metadata by `npm run docs`; edit the rule, not this page. -->',
    '',
    '## What it does',
    '',
    meta.description,
    '',
    '## Why it matters',
    '',
    meta.rationale,
    '',
    '## Example',
    '',
    'Reported:',
    '',
    '```' + fence,
    meta.example.bad,
    '```',
    '',
    'Fixed:',
    '',
    '```' + fence,
    meta.example.good,
    '```',
    '',
    '## How to fix',
    '',
    meta.howToFix,
    '',
  ];
  const alias = aliasLine(meta);
  if (alias) lines.push('## Aliases', '', alias.replace('**Also known as:** ', ''), '');
  const refs = referenceList(meta);
  if (refs.length) lines.push('## References', '', ...refs, '');
  return lines.join('\n');
}
