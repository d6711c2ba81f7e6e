/** Locates ../shared (the spec and the corpus) beside the project root, or $BULWARK_SHARED. */
import fs from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(__dirname, '..', '..', '..');

export function sharedDir(): string {
  const dir = process.env.BULWARK_SHARED ?? path.resolve(projectRoot, '..', 'shared');
  if (!fs.existsSync(path.join(dir, 'spec', 'rules.md'))) {
    throw new Error(`shared material not found at ${dir} (set BULWARK_SHARED to the folder holding spec/ and corpus/)`);
  }
  return dir;
}

export interface SpecRow {
  ids: string[];
  severity: string;
  catches: string;
  fix: string;
  aliases: string[];
  table: string;
}

/** The rule catalog's tables, row by row. */
export function specRows(): SpecRow[] {
  const text = fs.readFileSync(path.join(sharedDir(), 'spec', 'rules.md'), 'utf8');
  const rows: SpecRow[] = [];
  let table = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('## ')) table = line.slice(3).trim();
    if (!line.startsWith('| `')) continue;
    const cells = line.replace(/^\||\|$/g, '').split(' | ').map((c) => c.trim());
    rows.push({
      ids: [...cells[0].matchAll(/`([^`]+)`/g)].map((m) => m[1]),
      severity: cells[1].split(/\s/)[0],
      catches: cells[2],
      fix: cells[3],
      aliases: cells[4] === '—' ? [] : cells[4].split(/,\s*/).map((a) => a.trim()),
      table,
    });
  }
  return rows;
}
