/**
 * The properties every quick fix must keep (issue: "a quick fix must change only what it says it changes"):
 * the edited text re-parses without any rule throwing, the fixed finding is gone, no finding of any rule appears that
 * was not there before, every edit stays inside the finding's instruction (or only inserts whole lines), and the
 * file's line endings are kept.
 *
 * For Compose files (kind from `options.kind`, else the path's name): the fixed text re-parses as YAML with no new
 * syntax error, edits stay inside the finding's block (its service, or its top-level key) or only insert, every YAML
 * comment survives (unless a whole-line deletion removes the lines it is on), and lines outside the edits are
 * byte-identical (applyEdits leaves them so; the confinement keeps the edits small).
 */
import assert from 'node:assert/strict';
import { Lexer } from 'yaml';
import { analyze, detectKind } from '../../server/core/engine';
import { applyEdits } from '../../server/core/fixes/edits';
import { ComposeModel } from '../../server/core/compose/model';
import type { ComposeEntry, ComposeValue } from '../../server/core/compose/model';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import { LineIndex } from '../../server/core/text';
import type { AnalyzeOptions, FileKind, Finding, Fix, TextEdit } from '../../server/core/types';

/**
 * What identifies a finding across an edit: its rule and the text it points at (positions move and messages may quote
 * words a fix rewrote, e.g. `apt` → `apt-get`, while the finding is the same).
 */
export function findingKey(f: Finding, index: LineIndex): string {
  return `${f.ruleId}\u0000${index.textOf(f.range)}`;
}

/**
 * Multiset difference: what `after` (over `afterText`) has more of than `before` (over `beforeText`). With the fix's
 * `edits`, a finding whose pointed-at text the fix rewrote (`node:16` → `node:24` under image-not-pinned) is the same
 * finding when one of its rule was there before, starting at the same place (its start mapped through the edits).
 */
function added(before: Finding[], beforeIndex: LineIndex, after: Finding[], afterIndex: LineIndex, edits?: TextEdit[]): Finding[] {
  const spans = (edits ?? [])
    .map((e) => ({ start: beforeIndex.offsetAt(e.range.start), end: beforeIndex.offsetAt(e.range.end), length: e.newText.length }))
    .sort((a, b) => a.start - b.start);
  const rewritten = (b: Finding) => {
    const s = beforeIndex.offsetAt(b.range.start);
    const en = beforeIndex.offsetAt(b.range.end);
    // Overlapping, or an insertion at either end (a digest appended to the image a finding points at).
    return spans.some((e) => e.start <= en && s <= e.end);
  };
  const mapped = (offset: number) => {
    let delta = 0;
    for (const e of spans) {
      if (e.end <= offset && e.start < offset) delta += e.length - (e.end - e.start);
      else if (e.start <= offset && offset < e.end) return e.start + delta;
    }
    return offset + delta;
  };
  const counts = new Map<string, number>();
  for (const f of before) counts.set(findingKey(f, beforeIndex), (counts.get(findingKey(f, beforeIndex)) ?? 0) + 1);
  const unmatched = new Set(before);
  const extra: Finding[] = [];
  // First the findings found again at their own place (start mapped through the edits), so that a finding the fix
  // renamed (`ADD` → `COPY` under syntax-error) cannot take the key of an untouched one elsewhere (fuzzing: the
  // untouched `COPY` finding on a later line was then reported as new).
  const byKey = new Map<string, Finding[]>();
  for (const b of before) {
    const key = findingKey(b, beforeIndex);
    const list = byKey.get(key);
    if (list) list.push(b);
    else byKey.set(key, [b]);
  }
  const rest: Finding[] = [];
  for (const f of after) {
    const key = findingKey(f, afterIndex);
    const start = afterIndex.offsetAt(f.range.start);
    const here = byKey.get(key)?.find((b) => unmatched.has(b) && mapped(beforeIndex.offsetAt(b.range.start)) === start);
    if (!here) {
      rest.push(f);
      continue;
    }
    counts.set(key, counts.get(key)! - 1);
    unmatched.delete(here);
  }
  for (const f of rest) {
    const key = findingKey(f, afterIndex);
    const n = counts.get(key) ?? 0;
    if (n > 0) {
      counts.set(key, n - 1);
      // Of several findings with the same key (two services on the same image), the one at the same place; else an
      // untouched one (a rewritten one may show up under its new text); else any.
      const start = afterIndex.offsetAt(f.range.start);
      const candidates = [...unmatched].filter((b) => findingKey(b, beforeIndex) === key);
      const same =
        candidates.find((b) => mapped(beforeIndex.offsetAt(b.range.start)) === start) ?? candidates.find((b) => !rewritten(b)) ?? candidates[0];
      if (same) unmatched.delete(same);
    } else extra.push(f);
  }
  if (spans.length === 0 || extra.length === 0) return extra;
  return extra.filter((f) => {
    const start = afterIndex.offsetAt(f.range.start);
    const same = [...unmatched].find((b) => b.ruleId === f.ruleId && rewritten(b) && mapped(beforeIndex.offsetAt(b.range.start)) === start);
    if (!same) return true;
    unmatched.delete(same);
    return false;
  });
}

export function lineEndingKind(text: string): 'lf' | 'crlf' | 'mixed' | 'none' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  if (crlf === 0 && lf === 0) return 'none';
  if (crlf === 0) return 'lf';
  if (lf === 0) return 'crlf';
  return 'mixed';
}

/** Asserts the properties; returns the fixed text. `context` prefixes messages (e.g. the corpus file name). */
export { added as addedFindings };

/** The kind a text is analyzed as under these options (as `analyze` decides it). */
function kindOf(options: AnalyzeOptions & { kind?: FileKind }): FileKind {
  return options.kind ?? (options.path ? detectKind(options.path) : undefined) ?? 'dockerfile';
}

/**
 * The analyses before and after a fix run without the findings cap (server/core/cap.ts): the properties are about
 * the rules. Under the cap, fixing one of the first findings of a rule on an instruction lets the next one, which the
 * summary counted, be reported: not a new finding (the summary's count drops by one), which only the uncapped
 * comparison can tell. (The summary itself has no fix.)
 */
function uncapped<T extends AnalyzeOptions>(options: T): T {
  return { ...options, findingsCap: Infinity };
}

export function assertFixProperties(text: string, finding: Finding, fix: Fix, options: AnalyzeOptions & { kind?: FileKind } = {}, context = ''): string {
  if (kindOf(options) === 'compose') return assertComposeFixProperties(text, finding, fix, options, context);
  options = uncapped(options);
  const where = `${context}${context ? ': ' : ''}${finding.ruleId} fix "${fix.title}"`;
  const before = analyze(text, options).findings;
  const after = applyEdits(text, fix.edits);
  const created = new Set((fix.createFiles ?? []).map((f) => f.path));
  assert.ok(after !== text || created.size > 0, `${where}: the fix changes nothing`);
  for (const f of fix.createFiles ?? []) {
    assert.ok(!options.host?.exists(f.path), `${where}: creates ${f.path}, which exists already`);
    assert.ok(f.content.length > 0, `${where}: creates an empty ${f.path}`);
  }
  // Re-parses, and no rule throws on the result (files the fix creates exist then).
  new DockerfileModel(after);
  const host = options.host;
  const result = analyze(after, { ...options, host: { exists: (p) => created.has(p) || !!host?.exists(p) } });
  assert.deepEqual(result.ruleErrors, [], `${where}: a rule throws on the fixed text`);
  // The finding is gone (one fewer of its rule: the text it pointed at may be what the fix rewrote).
  const beforeIndex = new LineIndex(text);
  const afterIndex = new LineIndex(after);
  // A fix that mitigates (a sensitive mount made read-only) may leave the finding at a lower severity.
  const rank = { error: 3, warning: 2, info: 1 } as const;
  const countOf = (list: Finding[]) => list.filter((f) => f.ruleId === finding.ruleId && rank[f.severity] >= rank[finding.severity]).length;
  assert.ok(countOf(result.findings) < countOf(before), `${where}: the finding is still there:\n${after}`);
  // No new finding of any rule.
  const extra = added(before, beforeIndex, result.findings, afterIndex, fix.edits);
  assert.deepEqual(extra.map((f) => `${f.ruleId}: ${f.message}`), [], `${where}: new findings after the fix:\n${after}`);
  // Edits stay inside the finding's instruction, or only insert.
  const model = new DockerfileModel(text);
  const index = new LineIndex(text);
  const owner = model.instructions.find((i) => i.range.start.line <= finding.range.start.line && i.range.end.line >= finding.range.start.line);
  for (const e of fix.edits) {
    const isInsertion = e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character;
    if (isInsertion) continue;
    assert.ok(owner, `${where}: an edit outside any instruction`);
    const s = index.offsetAt(e.range.start);
    const en = index.offsetAt(e.range.end);
    // Deleting a whole instruction may take its line break (or the one before it, at the end of the file).
    const lineStart = index.lineStarts[owner.range.start.line];
    const nextLine = owner.range.end.line + 1 < index.lineCount ? index.lineStarts[owner.range.end.line + 1] : text.length;
    const prevBreak = owner.range.start.line > 0 ? index.lineEnd(owner.range.start.line - 1) : lineStart;
    assert.ok(s >= prevBreak && en <= nextLine, `${where}: edit ${JSON.stringify(e.range)} reaches outside the instruction at line ${owner.range.start.line + 1}`);
  }
  // Line endings are kept.
  const kind = lineEndingKind(text);
  if (kind === 'crlf') assert.equal(lineEndingKind(after), 'crlf', `${where}: CRLF file gained LF line endings`);
  if (kind === 'lf') assert.notEqual(lineEndingKind(after), 'mixed', `${where}: LF file gained CRLF line endings`);
  return after;
}

/**
 * The comments of a YAML text (the `yaml` lexer's comment tokens: a `#` inside a string is not one), with offsets.
 * A lone CR ends a line (and a comment) as for the analysis (ComposeModel): the lexer, which knows only LF and CRLF,
 * reads it as a line feed of the same length.
 */
export function yamlComments(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text.replace(/\r(?!\n)/g, '\n'))) {
    // Control tokens (document/flow markers) are single characters below U+0020 and take no place in the text.
    if (token.length === 1 && token.charCodeAt(0) < 0x20 && token !== '\n' && token !== '\t' && token !== '\r') continue;
    if (token.startsWith('#')) out.push({ start: offset, end: offset + token.length, text: text.slice(offset, offset + token.length) });
    offset += token.length;
  }
  return out;
}

/** The line span of the block a Compose finding belongs to: its service's entry, else its top-level key's entry. */
function composeOwnerSpan(model: ComposeModel, line: number): { from: number; to: number } | undefined {
  const lastLine = (end: number) => {
    let e = end;
    while (e > 0 && /\s/.test(model.text[e - 1])) e--;
    return model.lines.positionAt(Math.max(e - 1, 0)).line;
  };
  for (const doc of model.documents) {
    const root = doc.root;
    // Every top-level entry as written (a duplicated key is a block of its own).
    const tops = root ? [...new Set(root.keys())].flatMap((k) => (root.written(k).length ? root.written(k) : root.entries().filter((e) => e.key === k))) : [];
    for (const top of tops) {
      const from = top.keyRange.start.line;
      const to = Math.max(from, lastLine(top.offsets[1]));
      if (line < from || line > to) continue;
      if (top.key === 'services') {
        for (const svc of top.entries()) {
          const sf = svc.keyRange.start.line;
          const st = Math.max(sf, lastLine(svc.offsets[1]));
          if (line >= sf && line <= st) return { from: sf, to: st };
        }
      }
      return { from, to };
    }
  }
  return undefined;
}

function isInsertion(e: TextEdit): boolean {
  return e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character;
}

/**
 * Findings a Compose fix reveals rather than creates, which "no new finding" accepts: findings in the mapping that holds
 * a renamed key and in the services that see it through a merge key or `extends` (`servcies:` → `services:` shows the
 * services to every rule, `imgae:` → `image:` the service's image), and `compose-schema` findings once a fix removes a
 * YAML error (the schema rule skips a document with YAML errors).
 */
function revealedBy(fix: Fix, beforeModel: ComposeModel, afterModel: ComposeModel): (f: Finding) => boolean {
  const errors = (m: ComposeModel) => m.problems.filter((p) => p.severity === 'error').length;
  const fewerErrors = errors(afterModel) < errors(beforeModel);
  const regions: [number, number][] = [];
  if (fix.edits.length === 1) {
    const e = fix.edits[0];
    const start = beforeModel.lines.offsetAt(e.range.start);
    const end = beforeModel.lines.offsetAt(e.range.end);
    const renamed = keyAt(beforeModel, start);
    if (renamed && renamed.keyNode.range?.[0] === start && renamed.keyNode.range?.[1] === end) {
      // The mapping that holds the renamed key, with its own key (a service and its name): rules judging that mapping
      // now see the key. A top-level key: the whole document.
      const parent = parentEntryOf(afterModel, start);
      if (parent) regions.push([parent.keyNode.range?.[0] ?? parent.offsets[0], parent.offsets[1]]);
      else {
        const doc = afterModel.documents.find((d) => d.root && d.root.offsets[0] <= start && start <= d.root.offsets[1]);
        if (doc?.root) regions.push(doc.root.offsets);
      }
      // Services that see the renamed key through a merge key or `extends`.
      const key = keyAt(afterModel, start)?.key;
      for (const svc of key === undefined ? [] : afterModel.services) {
        if (svc.get(key!)?.keyNode.range?.[0] !== start) continue;
        for (const d of svc.definitions) regions.push([d.keyNode.range?.[0] ?? d.offsets[0], d.offsets[1]]);
      }
    }
  }
  return (f) => {
    if (fewerErrors && f.ruleId === 'compose-schema') return true;
    const at = afterModel.lines.offsetAt(f.range.start);
    return regions.some(([s, e]) => at >= s && at <= e);
  };
}

/** The innermost mapping entry whose value holds the key starting at `offset` (undefined for a top-level key). */
function parentEntryOf(model: ComposeModel, offset: number): ComposeEntry | undefined {
  const search = (v: ComposeValue | undefined, parent: ComposeEntry | undefined, depth: number): ComposeEntry | undefined => {
    if (!v || depth > 50) return undefined;
    const children: { value: ComposeValue; entry?: ComposeEntry }[] = v.isMap
      ? [...new Set(v.keys())].flatMap((k) => v.written(k).map((e) => ({ value: e, entry: e })))
      : v.items().map((i) => ({ value: i }));
    for (const c of children) {
      if (c.entry?.keyNode.range?.[0] === offset) return parent;
      if (c.value.offsets[0] <= offset && offset <= c.value.offsets[1]) {
        const found = search(c.value, c.entry ?? parent, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  for (const d of model.documents) {
    const found = search(d.root, undefined, 0);
    if (found) return found;
  }
  return undefined;
}

/** The mapping entry whose key starts at `offset`, searched through every document. */
function keyAt(model: ComposeModel, offset: number): ComposeEntry | undefined {
  const search = (v: ComposeValue | undefined, depth: number): ComposeEntry | undefined => {
    if (!v || depth > 50) return undefined;
    if (v.isMap) {
      for (const k of new Set(v.keys())) {
        for (const e of v.written(k)) {
          if (e.keyNode.range?.[0] === offset) return e;
          if (e.offsets[0] <= offset && offset <= e.offsets[1]) {
            const found = search(e, depth + 1);
            if (found) return found;
          }
        }
      }
    } else if (v.isSeq) {
      for (const item of v.items()) {
        if (item.offsets[0] <= offset && offset <= item.offsets[1]) {
          const found = search(item, depth + 1);
          if (found) return found;
        }
      }
    }
    return undefined;
  };
  for (const d of model.documents) {
    const found = search(d.root, 0);
    if (found) return found;
  }
  return undefined;
}

export function assertComposeFixProperties(text: string, finding: Finding, fix: Fix, options: AnalyzeOptions & { kind?: FileKind } = {}, context = ''): string {
  options = uncapped(options);
  const where = `${context}${context ? ': ' : ''}${finding.ruleId} fix "${fix.title}"`;
  options = { ...options, kind: 'compose' };
  const before = analyze(text, options).findings;
  const after = applyEdits(text, fix.edits);
  const created = new Set((fix.createFiles ?? []).map((f) => f.path));
  assert.ok(after !== text || created.size > 0, `${where}: the fix changes nothing`);
  for (const f of fix.createFiles ?? []) {
    assert.ok(!options.host?.exists(f.path), `${where}: creates ${f.path}, which exists already`);
    assert.ok(f.content.length > 0, `${where}: creates an empty ${f.path}`);
  }
  // Re-parses as YAML without a new syntax error, and no rule throws on the result.
  const beforeModel = new ComposeModel(text);
  const afterModel = new ComposeModel(after);
  const errors = (m: ComposeModel) => m.problems.filter((p) => p.severity === 'error').length;
  assert.ok(errors(afterModel) <= errors(beforeModel), `${where}: the fixed text has a new YAML error:\n${after}`);
  const host = options.host;
  const result = analyze(after, { ...options, host: { exists: (p) => created.has(p) || !!host?.exists(p) } });
  assert.deepEqual(result.ruleErrors, [], `${where}: a rule throws on the fixed text`);
  // The finding is gone, and no finding of any rule is new.
  const beforeIndex = new LineIndex(text);
  const afterIndex = new LineIndex(after);
  // A fix that mitigates (a sensitive mount made read-only) may leave the finding at a lower severity.
  const rank = { error: 3, warning: 2, info: 1 } as const;
  const countOf = (list: Finding[]) => list.filter((f) => f.ruleId === finding.ruleId && rank[f.severity] >= rank[finding.severity]).length;
  const revealed = revealedBy(fix, beforeModel, afterModel);
  const shown = result.findings.filter((f) => !revealed(f));
  assert.ok(countOf(shown) < countOf(before), `${where}: the finding is still there:\n${after}`);
  const extra = added(before, beforeIndex, shown, afterIndex, fix.edits);
  assert.deepEqual(extra.map((f) => `${f.ruleId}: ${f.message}`), [], `${where}: new findings after the fix:\n${after}`);
  // Edits stay inside the finding's block (its service, or its top-level key), or only insert.
  const owner = composeOwnerSpan(beforeModel, finding.range.start.line);
  for (const e of fix.edits) {
    if (isInsertion(e)) continue;
    assert.ok(owner, `${where}: an edit while the finding is in no block`);
    const s = beforeIndex.offsetAt(e.range.start);
    const en = beforeIndex.offsetAt(e.range.end);
    // Deleting the block's last lines may take the line break before them.
    const lower = owner.from > 0 ? beforeIndex.lineEnd(owner.from - 1) : 0;
    const upper = owner.to + 1 < beforeIndex.lineCount ? beforeIndex.lineStarts[owner.to + 1] : text.length;
    assert.ok(s >= lower && en <= upper, `${where}: edit ${JSON.stringify(e.range)} reaches outside lines ${owner.from + 1}-${owner.to + 1}`);
  }
  // Comments survive: a comment an edit covers must be in its new text, unless the edit deletes whole lines.
  for (const c of yamlComments(text)) {
    for (const e of fix.edits) {
      const s = beforeIndex.offsetAt(e.range.start);
      const en = beforeIndex.offsetAt(e.range.end);
      if (!(s < c.end && c.start < en)) continue;
      const wholeLines = e.newText === '' && (s === 0 || /[\r\n]/.test(text[s - 1]) || /^[\r\n]/.test(text.slice(s, en))) && (en === text.length || /[\r\n]/.test(text[en - 1]));
      // Words added inside a comment (a rule id appended to a suppression comment) keep all of it, on its line.
      const extends_ = s === en && !/[\r\n]/.test(e.newText);
      assert.ok(wholeLines || extends_ || e.newText.includes(c.text), `${where}: edit ${JSON.stringify(e.range)} drops the comment ${JSON.stringify(c.text)}`);
    }
  }
  // Line endings are kept.
  const kind = lineEndingKind(text);
  if (kind === 'crlf') assert.equal(lineEndingKind(after), 'crlf', `${where}: CRLF file gained LF line endings`);
  if (kind === 'lf') assert.notEqual(lineEndingKind(after), 'mixed', `${where}: LF file gained CRLF line endings`);
  return after;
}

/** Every fix of every finding of `ruleId` in `text` keeps the properties. Returns how many fixes were checked. */
export function assertAllFixesOf(ruleId: string, text: string, options: AnalyzeOptions & { kind?: FileKind } = {}, context = ''): number {
  let checked = 0;
  for (const f of analyze(text, options).findings.filter((x) => x.ruleId === ruleId)) {
    for (const fix of f.fixes ?? []) {
      assertFixProperties(text, f, fix, options, context);
      checked++;
    }
  }
  return checked;
}

/** Every fix of every finding in `text` keeps the properties. Returns how many fixes were checked. */
export function assertEveryFix(text: string, options: AnalyzeOptions & { kind?: FileKind } = {}, context = ''): number {
  let checked = 0;
  for (const f of analyze(text, options).findings) {
    for (const fix of f.fixes ?? []) {
      assertFixProperties(text, f, fix, options, context);
      checked++;
    }
  }
  return checked;
}
