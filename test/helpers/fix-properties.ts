/**
 * The properties every quick fix must keep (issue: "a quick fix must change only what it says it changes"):
 * the edited text re-parses without any rule throwing, the fixed finding is gone, no finding of any rule appears that
 * was not there before, every edit stays inside the finding's instruction (or only inserts whole lines), and the
 * file's line endings are kept.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../server/core/engine';
import { applyEdits } from '../../server/core/fixes/edits';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import { LineIndex } from '../../server/core/text';
import type { AnalyzeOptions, Finding, Fix } from '../../server/core/types';

export function findingKey(f: Finding): string {
  return `${f.ruleId}\u0000${f.message}`;
}

/** Multiset difference: what `after` has more of than `before`. */
function added(before: Finding[], after: Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const f of before) counts.set(findingKey(f), (counts.get(findingKey(f)) ?? 0) + 1);
  const extra: Finding[] = [];
  for (const f of after) {
    const n = counts.get(findingKey(f)) ?? 0;
    if (n > 0) counts.set(findingKey(f), n - 1);
    else extra.push(f);
  }
  return extra;
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
export function assertFixProperties(text: string, finding: Finding, fix: Fix, options: AnalyzeOptions = {}, context = ''): string {
  const where = `${context}${context ? ': ' : ''}${finding.ruleId} fix "${fix.title}"`;
  const before = analyze(text, options).findings;
  const after = applyEdits(text, fix.edits);
  assert.notEqual(after, text, `${where}: the fix changes nothing`);
  // Re-parses, and no rule throws on the result.
  new DockerfileModel(after);
  const result = analyze(after, options);
  assert.deepEqual(result.ruleErrors, [], `${where}: a rule throws on the fixed text`);
  // The finding is gone (one fewer of its kind).
  const countOf = (list: Finding[]) => list.filter((f) => findingKey(f) === findingKey(finding)).length;
  assert.ok(countOf(result.findings) < countOf(before), `${where}: the finding is still there:\n${after}`);
  // No new finding of any rule.
  const extra = added(before, result.findings);
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

/** Every fix of every finding of `ruleId` in `text` keeps the properties. Returns how many fixes were checked. */
export function assertAllFixesOf(ruleId: string, text: string, options: AnalyzeOptions = {}, context = ''): number {
  let checked = 0;
  for (const f of analyze(text, options).findings.filter((x) => x.ruleId === ruleId)) {
    for (const fix of f.fixes ?? []) {
      assertFixProperties(text, f, fix, options, context);
      checked++;
    }
  }
  return checked;
}
