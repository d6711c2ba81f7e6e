/**
 * Incremental re-analysis of an edited Dockerfile: the findings of rules whose metadata says `scope: 'instruction'`
 * are kept per instruction between analyses of the same document, and an analysis re-runs such a rule only on the
 * instructions an edit changed (in practice one per keystroke), reusing its earlier findings, moved to where the
 * instruction now is, for all the others.
 *
 * What an instruction-scoped rule promises (rule.ts): its findings about an instruction depend only on that
 * instruction's text and on its context (the escape character, the shell its RUNs run with, the variables in effect,
 * the FROM lines of its stage chain, the ARGs before the first FROM), it finds the instructions it checks through `model.instructions` or
 * `model.runCommands()`, and it reports each finding, with its fixes' edits, within the lines of the instruction it
 * is about (or at the start of the line after it). The cache key of an instruction is that context plus the text of
 * its lines (line break included), so an unchanged key means the rule would report the same findings, shifted by the
 * number of lines the instruction moved.
 *
 * What the engine checks while running: a finding that lies outside the instruction it came from, a fix that edits
 * another file or creates one, or a finding outside every re-run instruction makes the rule file-scoped for this
 * document (run on the whole model from then on). Rules without the promise run on the whole model, as before.
 * The equality with a fresh analysis is tested with fast-check over random edit sequences (test/core/incremental.test.ts).
 */
import type { DfInstruction, DockerfileModel, RunCommand, Stage } from './dockerfile/model';
import type { Scope } from './dockerfile/variables';
import type { AnalyzeOptions, Fix, Position, Range } from './types';

/** A finding as the rule reported it, its positions' lines relative to the first line of its instruction. */
interface Recorded {
  ruleId: string;
  range: Range;
  message: string;
  fixes?: Fix[];
}

/** What is kept per instruction key: the findings of every instruction-scoped rule, once they have all run on it. */
interface Entry {
  filled: boolean;
  findings: Recorded[];
}

/** Where an instruction is and what a cached finding of it depends on. */
interface InstructionSpan {
  instr: DfInstruction;
  firstLine: number;
  /** The line after the instruction's last line. */
  nextLine: number;
  /** The findings kept for the instruction's key (text and context). */
  entry: Entry;
}

export type Report = (range: Range, message: string, fixes?: Fix[]) => void;

/** An instruction-scoped rule as the engine hands it over: its check on a model (or a view of it) and its report. */
export interface ScopedRule {
  id: string;
  check(model: DockerfileModel, report: Report): void;
  report: Report;
}

/** Distinct instruction contexts numbered per document before the numbering (and the kept findings) start over. */
const MAX_CONTEXTS = 4096;

/** Per document: findings of instruction-scoped rules, by instruction key. */
export class IncrementalState {
  private optionsKey: string | undefined;
  private current = new Map<string, Entry>();
  private previous = new Map<string, Entry>();
  private readonly contextIds = new Map<string, number>();
  /** Rules that broke the instruction-scope promise on this document (or threw): run on the whole model. */
  private readonly fileScoped = new Set<string>();
  /** Analyses, instructions re-checked and reused, for tests and benchmarks. */
  readonly stats = { analyses: 0, instructionRuns: 0, reused: 0 };

  /** Starts an analysis of a new version: what the previous analysis did not ask for is forgotten after it. */
  begin(model: DockerfileModel, options: AnalyzeOptions): IncrementalRun {
    const key = optionsKey(options);
    if (key !== this.optionsKey) {
      this.optionsKey = key;
      this.current = new Map();
      this.fileScoped.clear();
    }
    this.previous = this.current;
    this.current = new Map();
    this.stats.analyses++;
    return new IncrementalRun(this, model);
  }

  /** Number of instruction keys kept (both generations). */
  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** @internal */ isFileScoped(ruleId: string): boolean {
    return this.fileScoped.has(ruleId);
  }

  /** @internal */ markFileScoped(ruleId: string): void {
    this.fileScoped.add(ruleId);
  }

  /**
   * @internal A number standing for a context string, the same for the same string while the state lives (instruction
   * keys hold it instead of the string). Renumbered, with every kept entry dropped, past MAX_CONTEXTS strings.
   */
  contextId(context: string): number {
    let id = this.contextIds.get(context);
    if (id === undefined) {
      if (this.contextIds.size >= MAX_CONTEXTS) {
        this.contextIds.clear();
        this.current.clear();
        this.previous.clear();
      }
      id = this.contextIds.size;
      this.contextIds.set(context, id);
    }
    return id;
  }

  /** @internal The entry for an instruction key, carried into the current generation. */
  entry(key: string): Entry {
    let entry = this.current.get(key);
    if (!entry) {
      entry = this.previous.get(key) ?? { filled: false, findings: [] };
      this.current.set(key, entry);
    }
    return entry;
  }
}

/** The options that can change a rule's findings (the host, path and caches aside), as a string. */
function optionsKey(options: AnalyzeOptions): string {
  const { host: _host, shellCache: _shell, incremental: _incremental, ...rest } = options;
  return JSON.stringify(rest);
}

/** One analysis's use of the state. */
export class IncrementalRun {
  private readonly scopeKeys = new Map<Scope, string>();
  private readonly stageKeys = new Map<Stage, string>();
  private readonly contexts = new Map<Scope, Map<Stage | undefined, Map<string, number>>>();

  constructor(
    private readonly state: IncrementalState,
    private readonly model: DockerfileModel,
  ) {}

  /**
   * Runs the instruction-scoped rules: each is called with a view of the model listing only the instructions whose
   * key has no findings kept (all of them on a first analysis), and every finding, kept or new, goes to its rule's
   * `report` (in no particular order: the engine sorts). Returns the rules that must run on the whole model
   * instead (they broke the promise on this document, now or before, or threw).
   */
  runAll(rules: ScopedRule[]): ScopedRule[] {
    const whole = rules.filter((r) => this.state.isFileScoped(r.id));
    const active = rules.filter((r) => !this.state.isFileScoped(r.id));
    const spans = this.instructionSpans();
    const changed = spans.filter((s) => !s.entry.filled);
    this.state.stats.reused += spans.length - changed.length;
    this.state.stats.instructionRuns += changed.length;
    const fresh: Recorded[][] = changed.map(() => []);
    if (changed.length > 0) {
      const view = viewOf(this.model, changed.map((s) => s.instr));
      for (const rule of active) {
        const found = this.runOn(rule, view, changed);
        if (!found) {
          this.state.markFileScoped(rule.id);
          whole.push(rule);
          continue;
        }
        found.forEach((list, i) => fresh[i].push(...list));
      }
      changed.forEach((s, i) => {
        s.entry.findings = fresh[i];
        s.entry.filled = true;
      });
    }
    const reports = new Map(active.filter((r) => !this.state.isFileScoped(r.id)).map((r) => [r.id, r.report]));
    for (const span of spans) {
      for (const r of span.entry.findings) {
        reports.get(r.ruleId)?.(shiftRange(r.range, span.firstLine), r.message, r.fixes?.map((f) => shiftFix(f, span.firstLine)));
      }
    }
    return whole;
  }

  /** Runs one rule on the view; its findings per changed instruction, or undefined if one strays or the rule throws. */
  private runOn(rule: ScopedRule, view: DockerfileModel, changed: InstructionSpan[]): Recorded[][] | undefined {
    const results: Recorded[][] = changed.map(() => []);
    let strayed = false;
    try {
      rule.check(view, (range, message, fixes) => {
        const at = spanIndex(changed, range.start.line);
        const span = at < 0 ? undefined : changed[at];
        if (!span || !inSpan(range, span) || !(fixes ?? []).every((f) => !f.createFiles?.length && f.edits.every((e) => !(e as { uri?: string }).uri && inSpan(e.range, span)))) {
          strayed = true;
          return;
        }
        results[at].push({ ruleId: rule.id, range: shiftRange(range, -span.firstLine), message, ...(fixes ? { fixes: fixes.map((f) => shiftFix(f, -span.firstLine)) } : {}) });
      });
    } catch {
      // Run again on the whole model, where the engine reports the error as for any rule.
      return undefined;
    }
    return strayed ? undefined : results;
  }

  private instructionSpans(): InstructionSpan[] {
    const { model } = this;
    const lines = model.lines;
    // ARGs declared before the first FROM: their defaults reach every stage's `ARG NAME` (model.ts applyArg).
    const global = this.scopeKey(model.globalScope);
    // The SHELL instructions seen so far in each stage (with the stage chain's FROM lines, they decide the shell a
    // RUN runs with: model.shellCommandAt reads nothing else).
    const shells = new Map<Stage, string>();
    return model.instructions.map((instr) => {
      const firstLine = instr.range.start.line;
      const nextLine = instr.range.end.line + 1;
      const from = lines.lineStarts[firstLine];
      const to = nextLine < lines.lineCount ? lines.lineStarts[nextLine] : model.text.length;
      const stage = instr.stage;
      let shell = '';
      if (stage) {
        const seen = shells.get(stage);
        if (seen === undefined) shells.set(stage, (shell = this.parentShells(stage)));
        else shell = seen;
      }
      const context = this.contextId(instr.scope, stage, shell, global);
      if (stage && instr.keyword === 'SHELL') shells.set(stage, `${shell}\u0000${model.text.slice(instr.start, instr.end)}`);
      return { instr, firstLine, nextLine, entry: this.state.entry(`${context}\u0001${model.text.slice(from, to)}`) };
    });
  }

  /**
   * The context of an instruction (escape character, stage chain, shells, variables in scope, global ARGs) as a short
   * id: the long context string is built and looked up once per distinct (scope, stage, shells) of the analysis, not
   * once per instruction (hashing it with every instruction's key was most of the keys' cost).
   */
  private contextId(scope: Scope, stage: Stage | undefined, shell: string, global: string): number {
    let byStage = this.contexts.get(scope);
    if (!byStage) this.contexts.set(scope, (byStage = new Map()));
    let byShell = byStage.get(stage);
    if (!byShell) byStage.set(stage, (byShell = new Map()));
    let id = byShell.get(shell);
    if (id === undefined) {
      id = this.state.contextId(`${this.model.escapeChar}\u0000${this.stageKey(stage)}\u0000${shell}\u0000${this.scopeKey(scope)}\u0000${global}`);
      byShell.set(shell, id);
    }
    return id;
  }

  /** The SHELL instructions of the stages a stage builds on (all of them: those stages are complete). */
  private parentShells(stage: Stage): string {
    const out: string[] = [];
    const seen = new Set<Stage>([stage]);
    for (let s = stage.parent; s && !seen.has(s); s = s.parent) {
      seen.add(s);
      for (const i of s.instructions) if (i.keyword === 'SHELL') out.push(this.model.text.slice(i.start, i.end));
    }
    return out.join('\u0000');
  }

  /** The variables in effect (names and values), as a string; one per scope map (instructions share them). */
  private scopeKey(scope: Scope): string {
    let key = this.scopeKeys.get(scope);
    if (key === undefined) {
      key = JSON.stringify([...scope]);
      this.scopeKeys.set(scope, key);
    }
    return key;
  }

  /** The FROM lines of a stage and the stages it builds on (its base image and OS). */
  private stageKey(stage: Stage | undefined): string {
    if (!stage) return '';
    let key = this.stageKeys.get(stage);
    if (key === undefined) {
      const froms: string[] = [];
      const seen = new Set<Stage>();
      for (let s: Stage | undefined = stage; s && !seen.has(s); s = s.parent) {
        seen.add(s);
        froms.push(this.model.text.slice(s.from.start, s.from.end));
      }
      key = JSON.stringify(froms);
      this.stageKeys.set(stage, key);
    }
    return key;
  }
}

/** The changed span whose lines hold `line` (spans are in document order and do not overlap); -1 when none. */
function spanIndex(spans: InstructionSpan[], line: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (line < spans[mid].firstLine) hi = mid - 1;
    else if (line >= spans[mid].nextLine) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** True when the range lies in the instruction's lines, or ends at the start of the line after them. */
function inSpan(range: Range, span: InstructionSpan): boolean {
  const ok = (p: Position) => (p.line >= span.firstLine && p.line < span.nextLine) || (p.line === span.nextLine && p.character === 0);
  return ok(range.start) && ok(range.end);
}

function shiftRange(range: Range, lines: number): Range {
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

function shiftFix(fix: Fix, lines: number): Fix {
  return { ...fix, edits: fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, lines) })) };
}

/**
 * The model as an instruction-scoped rule sees it when only some instructions are re-checked: `instructions` and
 * `runCommands()` list those only; everything else (text, lines, stages, scopes, shells) is the model's.
 */
function viewOf(model: DockerfileModel, instructions: DfInstruction[]): DockerfileModel {
  if (instructions.length === model.instructions.length) return model;
  const only = new Set(instructions);
  const view = Object.create(model) as DockerfileModel;
  Object.defineProperty(view, 'instructions', { value: instructions });
  const runCommands = (stage?: Stage): RunCommand[] => model.runCommands(stage).filter((c) => only.has(c.instruction));
  Object.defineProperty(view, 'runCommands', { value: runCommands });
  return view;
}
