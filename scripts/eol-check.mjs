#!/usr/bin/env node
/**
 * Compares the end-of-life table (server/core/eol/eol-table.json) with endoflife.date and prints the differences.
 *
 * A maintainer's tool, run by hand WITH network access when the table is reviewed (server/core/eol/README.md). It is
 * never run by the tests, the build or the extension, and it changes nothing: it reads the table and prints.
 *
 *   node scripts/eol-check.mjs                      # every family
 *   node scripts/eol-check.mjs node python          # some families (by `family` id)
 *   node scripts/eol-check.mjs --from-dir saved/    # compare with saved <product>.json files instead of fetching
 *   node scripts/eol-check.mjs --save-dir saved/    # also keep what was fetched
 *
 * Behind a proxy, Node 24+ uses HTTPS_PROXY for fetch when NODE_USE_ENV_PROXY=1 is set.
 *
 * The API (https://endoflife.date/docs/api/): GET https://endoflife.date/api/<product>.json returns an array of
 * release cycles, newest first, each an object such as
 *   {"cycle":"3.9","releaseDate":"2020-10-05","eol":"2025-10-31","latest":"3.9.25","lts":false,"support":"2022-05-17"}
 * where `cycle` is a string (sometimes a number), `eol` is a YYYY-MM-DD date or a boolean (true: ended, day unknown;
 * false: no end announced), and some products add `extendedSupport` (a date or boolean) and `codename`.
 *
 * Exit status: 0 when nothing differs, 1 when something does (or a product could not be read), 2 on bad arguments.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const table = JSON.parse(readFileSync(path.join(root, 'server/core/eol/eol-table.json'), 'utf8'));

/**
 * Which endoflife.date product each family is compared with, and which of its fields the table's `eol` means.
 * Debian's table dates are the end of Debian LTS, which endoflife.date publishes as `extendedSupport` (its `eol` is the
 * end of the security team's support). Products are tried in order (endoflife.date renames some, keeping aliases).
 */
const PRODUCTS = {
  debian: { products: ['debian'], field: 'extendedSupport' },
  ubuntu: { products: ['ubuntu'], field: 'eol' },
  alpine: { products: ['alpine-linux', 'alpine'], field: 'eol' },
  centos: { products: ['centos'], field: 'eol' },
  'centos-stream': { products: ['centos-stream'], field: 'eol', cycle: (tag) => tag.replace(/^stream/, '') },
  rockylinux: { products: ['rocky-linux'], field: 'eol' },
  almalinux: { products: ['almalinux'], field: 'eol' },
  node: { products: ['nodejs'], field: 'eol' },
  python: { products: ['python'], field: 'eol' },
  php: { products: ['php'], field: 'eol' },
  ruby: { products: ['ruby'], field: 'eol' },
  golang: { products: ['go'], field: 'eol' },
  'eclipse-temurin': { products: ['eclipse-temurin'], field: 'eol' },
  nginx: { products: ['nginx'], field: 'eol' },
  postgres: { products: ['postgresql'], field: 'eol' },
  mysql: { products: ['mysql'], field: 'eol' },
  redis: { products: ['redis'], field: 'eol' },
  // openjdk (the deprecated Docker image) has no endoflife.date product: its dates come from the Docker Hub notice.
};

function usage(message) {
  if (message) console.error(message);
  console.error('usage: node scripts/eol-check.mjs [--from-dir DIR] [--save-dir DIR] [family ...]');
  process.exit(2);
}

const args = process.argv.slice(2);
let fromDir;
let saveDir;
const only = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--from-dir' || a === '--save-dir') {
    const dir = args[++i];
    if (!dir) usage(`${a} needs a directory`);
    if (a === '--from-dir') fromDir = dir;
    else saveDir = dir;
  } else if (a === '-h' || a === '--help') usage();
  else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else only.push(a);
}
for (const f of only) if (!table.families.some((x) => x.family === f)) usage(`unknown family ${f}`);

const today = new Date().toISOString().slice(0, 10);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The release cycles of a product: from a saved file, or fetched (15 s timeout). */
async function cyclesOf(product) {
  if (fromDir) return JSON.parse(readFileSync(path.join(fromDir, `${product}.json`), 'utf8'));
  const url = `https://endoflife.date/api/${product}.json`;
  const res = await fetch(url, { headers: { accept: 'application/json', 'user-agent': 'bulwark-eol-check' }, signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const body = await res.json();
  if (!Array.isArray(body)) throw new Error(`${url}: not an array of release cycles`);
  if (saveDir) {
    mkdirSync(saveDir, { recursive: true });
    writeFileSync(path.join(saveDir, `${product}.json`), JSON.stringify(body, null, 2) + '\n');
  }
  return body;
}

/** `eol`/`extendedSupport` as the table would write it: a day, or 'ended' / 'supported' when the API gives a boolean. */
function apiEnd(cycle, field) {
  const v = cycle[field] ?? (field === 'extendedSupport' ? cycle.eol : undefined);
  if (typeof v === 'string' && DAY.test(v)) return v;
  if (v === true) return 'ended';
  if (v === false) return 'supported';
  return undefined;
}

/** Compares one family; returns the lines to print (empty when everything matches). */
function compare(family, cycles, spec) {
  const out = [];
  const byCycle = new Map(cycles.map((c) => [String(c.cycle), c]));
  const seen = new Set();
  for (const row of family.releases) {
    // Version tags name API cycles (`3.9`; a major alone, `2`, the cycles under it when it is not one); codenames
    // and `*` do not.
    const tags = row.tags
      .map((t) => (spec.cycle ? spec.cycle(t) : t))
      .filter((t) => /^\d+(\.\d+)*$/.test(t))
      .flatMap((t) => (byCycle.has(t) ? [t] : [...byCycle.keys()].filter((c) => c.startsWith(`${t}.`))));
    if (tags.length === 0) continue;
    const ends = tags.map((t) => {
      seen.add(t);
      return { tag: t, end: apiEnd(byCycle.get(t), spec.field) };
    });
    const where = `${family.family} ${row.release}`;
    for (const { tag, end } of ends) {
      if (end === undefined) out.push(`  ? ${where}: endoflife.date gives no ${spec.field} for ${tag}`);
      else if (end === 'supported' && row.eol <= today) out.push(`  ! ${where}: the table says it ended ${row.eol}; endoflife.date has no end for ${tag}`);
      else if (end === 'ended' && row.eol > today) out.push(`  ! ${where}: endoflife.date says ${tag} has ended; the table says ${row.eol}`);
    }
    const dated = ends.filter((e) => DAY.test(e.end ?? ''));
    if (dated.length === 0) continue;
    // A group of releases carries the latest end of the group (nothing is reported early).
    const latest = dated.reduce((a, b) => (b.end > a.end ? b : a));
    if (latest.end !== row.eol) {
      const group = tags.length > 1 ? ` (latest of ${tags.join(', ')}: ${latest.tag})` : '';
      out.push(`  ~ ${where}: table ${row.eol}, endoflife.date ${latest.end}${group}${row.note ? ` — note: ${row.note}` : ''}`);
    }
  }
  // Cycles the table does not know, which have ended or end within six months: candidates for a new row.
  const soon = new Date(Date.now() + 183 * 86_400_000).toISOString().slice(0, 10);
  for (const c of cycles) {
    const cycle = String(c.cycle);
    if (seen.has(cycle)) continue;
    const end = apiEnd(c, spec.field);
    if (end === 'ended' || (end && DAY.test(end) && end <= soon)) out.push(`  + ${family.family} ${cycle}: not in the table; endoflife.date end ${end}`);
  }
  return out;
}

let differences = 0;
let failures = 0;
for (const family of table.families) {
  if (only.length && !only.includes(family.family)) continue;
  const spec = PRODUCTS[family.family];
  if (!spec) {
    console.log(`${family.family}: no endoflife.date product; check ${family.source} by hand`);
    continue;
  }
  let cycles;
  let used;
  const errors = [];
  for (const product of spec.products) {
    try {
      cycles = await cyclesOf(product);
      used = product;
      break;
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  if (!cycles) {
    failures++;
    console.log(`${family.family}: could not read endoflife.date (${errors.join('; ')})`);
    continue;
  }
  const lines = compare(family, cycles, spec);
  differences += lines.length;
  console.log(`${family.family} (endoflife.date/${used}, ${spec.field}): ${lines.length ? `${lines.length} difference(s)` : 'matches'}`);
  for (const l of lines) console.log(l);
}
console.log(`\n${differences} difference(s), ${failures} product(s) not read; table checked ${table.checked}.`);
console.log('Legend: ~ date differs, ! supported/ended disagree, ? no date, + release missing from the table.');
process.exit(differences || failures ? 1 : 0);
