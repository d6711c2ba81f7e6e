/**
 * The findings cap (docs/robustness.md): one rule reports at most `FINDINGS_CAP` findings in one unit — a Dockerfile
 * instruction, a Compose service definition (or, outside `services:`, a top-level entry of a document) — and the rest
 * as one summary finding on the unit ("…and 9,303 more unpinned packages in this RUN instruction"), same rule and
 * severity, no fix. Thousands of findings of one rule on one instruction (`apt-get install` of 17,000 words) help no
 * user and cost ~3 µs each end to end.
 *
 * The engine caps every rule through its `report`; a rule that reports per word or item also asks `ctx.overCap(…)`
 * before it builds a finding (message, range, fixes), so the findings past the cap are counted, not built.
 */
import type { DfInstruction } from './dockerfile/model';
import type { ComposeModel } from './compose/model';
import type { Range, RuleMeta, Severity } from './types';
import { formatCount } from './format';

/**
 * Findings kept per rule and unit. Above what real files reach — the most one rule reports on one instruction in the
 * 1,643 files of ../shared/corpus is 41 (apt-pin-versions on buildpack-deps' `apt-get install` of 41 packages), and
 * with 50 no corpus file loses a finding — and small enough that a unit at the cap costs a fraction of a millisecond
 * (~3 µs a finding end to end) and fits in a Problems panel.
 */
export const FINDINGS_CAP = 50;

/** Where the findings of one rule are counted together. */
export interface CapUnit {
  /** Identifies the unit within one analysis (its start offset). */
  key: number;
  /** Where the summary finding goes (the instruction's keyword, the service's name). */
  range: Range;
  /** "this RUN instruction", "service `web`". */
  label: string;
}

/** One summary to report: the unit and how many findings the cap left out. */
export interface CapSummary {
  unit: CapUnit;
  count: number;
  severity?: Severity;
}

/** Counts one rule's findings per unit during one check. */
export class FindingsCapper {
  private readonly counts = new Map<number, number>();
  private readonly over = new Map<number, CapSummary>();

  constructor(readonly limit: number) {}

  /**
   * Counts a finding of the unit: true when it is within the cap (report it), false when the cap is reached (it is
   * counted for the summary; do not report it). `severity`: the finding's own, kept as the summary's if higher.
   */
  admit(unit: CapUnit, severity?: Severity): boolean {
    const n = this.counts.get(unit.key) ?? 0;
    if (n < this.limit) {
      this.counts.set(unit.key, n + 1);
      return true;
    }
    const s = this.over.get(unit.key);
    if (s) {
      s.count++;
      if (severity && (!s.severity || RANK[severity] > RANK[s.severity])) s.severity = severity;
    } else this.over.set(unit.key, { unit, count: 1, severity });
    return false;
  }

  /**
   * A rule's question before it builds a finding of the unit: true when the cap is reached (the finding is counted,
   * as by `admit`); false, without counting, when the finding is still to be reported (its report counts it).
   */
  full(unit: CapUnit): boolean {
    return (this.counts.get(unit.key) ?? 0) >= this.limit && !this.admit(unit);
  }

  summaries(): CapSummary[] {
    return [...this.over.values()];
  }
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The summary finding's message. */
export function capMessage(meta: Pick<RuleMeta, 'id' | 'findingNoun'>, summary: CapSummary, limit: number): string {
  const noun = meta.findingNoun ?? `${meta.id} findings`;
  return `…and ${formatCount(summary.count)} more ${noun} in ${summary.unit.label} (only the first ${limit} are reported; fix them and analyze again to see the rest).`;
}

/** An instruction as a cap unit. */
export function instructionUnit(instr: DfInstruction): CapUnit {
  return { key: instr.start, range: instr.keywordRange, label: `this ${instr.keyword} instruction` };
}

/** The instruction of a sorted list whose lines hold `line`; undefined when none. */
export function instructionAtLine(instructions: readonly DfInstruction[], line: number): DfInstruction | undefined {
  let lo = 0;
  let hi = instructions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = instructions[mid].range;
    if (line < r.start.line) hi = mid - 1;
    else if (line > r.end.line) lo = mid + 1;
    else return instructions[mid];
  }
  return undefined;
}

/**
 * The Compose cap units of a model, sorted by offset: each service definition (`name: {…}` under `services:`) and
 * each other top-level entry of each document.
 */
export function composeUnits(model: ComposeModel): { start: number; end: number; unit: CapUnit }[] {
  const units: { start: number; end: number; unit: CapUnit }[] = [];
  for (const doc of model.documents) {
    if (!doc.root?.isMap) continue;
    for (const top of doc.root.entries()) {
      if (top.via) continue;
      const entries = top.key === 'services' && top.isMap ? top.entries().filter((e) => !e.via) : [top];
      for (const e of entries) {
        // Where the entry is written: from its key to the end of its value node there (an alias, not its target).
        const key = (e.pair.key as { range?: number[] } | null)?.range;
        const value = (e.pair.value as { range?: number[] } | null)?.range;
        if (!key) continue;
        const end = Math.max(key[1], value?.[1] ?? 0);
        const label = e === top ? `top-level \`${e.key}\`` : `service \`${e.key}\``;
        units.push({ start: key[0], end, unit: { key: key[0], range: e.keyRange, label } });
      }
    }
  }
  return units.sort((a, b) => a.start - b.start);
}

/** The unit whose span holds `offset` (spans do not overlap); undefined when none. */
export function unitAtOffset(units: { start: number; end: number; unit: CapUnit }[], offset: number): CapUnit | undefined {
  let lo = 0;
  let hi = units.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offset < units[mid].start) hi = mid - 1;
    else if (offset > units[mid].end) lo = mid + 1;
    else return units[mid].unit;
  }
  return undefined;
}
