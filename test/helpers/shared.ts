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
    const cells = splitCells(line);
    rows.push({
      ids: [...cells[0].matchAll(/`([^`]+)`/g)].map((m) => m[1]),
      severity: cells[1].split(/\s/)[0],
      catches: cells[2],
      fix: cells[3],
      aliases: cells[4] === '—' ? [] : expandAliases(cells[4]),
      table,
    });
  }
  return rows;
}

/** Splits a Markdown table row on the pipes that are not inside `code`. */
export function splitCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let code = false;
  for (const c of line.trim().replace(/^\|/, '').replace(/\|$/, '')) {
    if (c === '`') code = !code;
    if (c === '|' && !code) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * The alias cell as a list, with ranges expanded: `CKV2_DOCKER_2–6, 12–16` is CKV2_DOCKER_2 … 6 and 12 … 16 (a bare
 * number or range continues the previous prefix).
 */
export function expandAliases(cell: string): string[] {
  const out: string[] = [];
  let prefix = '';
  for (const raw of cell.split(/,\s*/)) {
    const part = raw.trim();
    const m = /^(.*?)(\d+)[–-](\d+)$/.exec(part) ?? /^()(\d+)$/.exec(part);
    if (m && (m[1] || prefix) && /^(.*_)?$/.test(m[1])) {
      if (m[1]) prefix = m[1];
      const from = Number(m[2]);
      const to = m[3] !== undefined ? Number(m[3]) : from;
      for (let n = from; n <= to; n++) out.push(`${prefix}${n}`);
      continue;
    }
    const p = /^(.*_)\d+$/.exec(part);
    prefix = p ? p[1] : '';
    out.push(part);
  }
  return out;
}

/** Every `step`-th corpus Dockerfile (sorted by name), with its text. */
export function corpusDockerfiles(step: number): { name: string; text: string }[] {
  const dir = path.join(sharedDir(), 'corpus', 'dockerfile');
  return fs
    .readdirSync(dir)
    .sort()
    .filter((_, i) => i % step === 0)
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}
