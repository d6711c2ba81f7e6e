/**
 * Generates docs/rules/<id>.md for every rule and the rule list in README.md (between the
 * `<!-- rules:start -->` and `<!-- rules:end -->` markers) from the rule metadata.
 *
 *   node out/scripts/gen-docs.js          write the files
 *   node out/scripts/gen-docs.js --check  exit 1 when a generated file is stale (run by `npm test`)
 */
import fs from 'node:fs';
import path from 'node:path';
import { allRules } from '../server/core/rules';
import { ruleDocPage } from '../server/core/explain';
import type { RuleMeta } from '../server/core/types';

const root = path.resolve(__dirname, '..', '..');
const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

const CATEGORY_TITLE: Record<string, string> = {
  security: 'security',
  'supply-chain': 'supply chain and hygiene',
  correctness: 'correctness',
};

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function ruleTable(rules: RuleMeta[]): string {
  const groups = new Map<string, RuleMeta[]>();
  for (const meta of rules) {
    const key = `${meta.kind === 'compose' ? 'Compose' : 'Dockerfile'} — ${CATEGORY_TITLE[meta.category]}`;
    groups.set(key, [...(groups.get(key) ?? []), meta]);
  }
  const out: string[] = [];
  for (const [title, metas] of groups) {
    out.push(`#### ${title}`, '', '| rule | severity | what it catches | aliases |', '|---|---|---|---|');
    for (const m of metas) {
      const aliases = m.aliases.filter((a) => !a.startsWith('KICS')).join(', ');
      out.push(`| [\`${m.id}\`](docs/rules/${m.id}.md) | ${m.severity} | ${escapeCell(m.title)} | ${escapeCell(aliases)} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const metas = allRules.map((r) => r.meta);
  for (const meta of metas) files.set(path.join('docs', 'rules', `${meta.id}.md`), ruleDocPage(meta));
  const readmePath = path.join(root, 'README.md');
  if (fs.existsSync(readmePath)) {
    const readme = fs.readFileSync(readmePath, 'utf8');
    const a = readme.indexOf(START);
    const b = readme.indexOf(END);
    if (a >= 0 && b > a) {
      files.set('README.md', `${readme.slice(0, a + START.length)}\n${ruleTable(metas)}\n${readme.slice(b)}`);
    }
  }
  return files;
}

function main(): void {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  const files = generatedFiles();
  const wanted = new Set([...files.keys()].map((f) => path.normalize(f)));
  for (const [rel, content] of files) {
    const abs = path.join(root, rel);
    const current = fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : undefined;
    if (current === content) continue;
    if (check) stale.push(rel);
    else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
  }
  // Pages of rules that no longer exist.
  const docsDir = path.join(root, 'docs', 'rules');
  for (const name of fs.existsSync(docsDir) ? fs.readdirSync(docsDir) : []) {
    const rel = path.join('docs', 'rules', name);
    if (name.endsWith('.md') && !wanted.has(path.normalize(rel))) {
      if (check) stale.push(`${rel} (no such rule)`);
      else fs.unlinkSync(path.join(root, rel));
    }
  }
  if (check && stale.length) {
    console.error(`Generated docs are stale; run \`npm run docs\` and commit:\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  if (!check) console.log(`Wrote ${files.size} generated files.`);
}

if (require.main === module) main();
