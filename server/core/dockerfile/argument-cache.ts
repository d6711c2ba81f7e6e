/**
 * dockerfile-ast's argument lists, kept by instruction text across the parses of one document (and within one parse).
 *
 * An instruction's raw argument list (`getRawArguments`, memoized per instance by ast-memo.ts) was most of the parse of
 * a 1,000-line Dockerfile: the parser builds each RUN twice (once to look for heredocs, then for good), and the RUN,
 * JSON-form and flag constructors scan its arguments character by character, with a line lookup per argument end.
 * The list depends only on the instruction's text from its range start, where its keyword starts and ends in it, the
 * escape character and the character after it (a CR LF split by the range end), plus its position: the same text
 * parsed again (the next keystroke's parse, or the parser's second RUN) gives the same arguments moved by the number of
 * lines the instruction moved. So the lists are kept relative to the keyword's line: when the instruction did not move
 * (most instructions, most keystrokes) the very same (read-only) Argument objects are reused, else moved copies.
 *
 * Bounded like the shell cache: generational (a parse keeps what it or the parse before it used), and an entry is
 * rebuilt from the current text after MAX_AGE parses (its strings may be slices that keep an old version of the
 * document alive). Tested equal to the library's own method through fresh-vs-cached analyses (test/model).
 */
import { Argument } from 'dockerfile-ast';
import type { Instruction } from 'dockerfile-ast';

/** Parses after which an entry is rebuilt from the text (so old document versions are not kept by its strings). */
export const MAX_AGE = 32;

interface Entry {
  /**
   * Besides the text: the escape character, the character after the range (how a CR at its end is read), the range's
   * start character, and where the keyword starts and ends relative to the range (with the text, they fix every
   * offset the library computes), as numbers.
   */
  shape: number[];
  /** The text, as the map's key (a flat copy). */
  key: string;
  /** The lists placed so far, by the keyword's line (the same text may stand at several places of a file). */
  placed: Map<number, Argument[]>;
  born: number;
}

/** Placements kept per entry: an instruction repeated more often than this is moved from its first placement. */
const MAX_PLACEMENTS = 8;

/** The parts of a dockerfile-ast instruction read here (public at runtime, protected in its typings). */
interface InstructionInternals {
  document: { getText(): string; offsetAt(p: { line: number; character: number }): number };
  escapeChar: string;
  getRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
  getInstructionRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
}

export class ArgumentCache {
  private current = new Map<string, Entry>();
  private previous = new Map<string, Entry>();
  private generation = 0;
  /** Lookups answered from the cache and computed, for tests and benchmarks. */
  readonly stats = { hits: 0, misses: 0 };

  /** Starts a parse: what the parse before the previous one used and this one does not is forgotten. */
  beginParse(): void {
    this.previous = this.current;
    this.current = new Map();
    this.generation++;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }

  /** `compute.call(instr)` (the library's getRawArguments), from the cache when the same text was seen before. */
  argumentsOf(instr: Instruction, compute: (this: Instruction) => Argument[]): Argument[] {
    const i = instr as unknown as InstructionInternals;
    const doc = i.document;
    const range = i.getRange();
    const keyword = i.getInstructionRange();
    const from = doc.offsetAt(range.start);
    const to = doc.offsetAt(range.end);
    const text = doc.getText();
    const shape = [
      i.escapeChar.charCodeAt(0),
      to < text.length ? text.charCodeAt(to) : -1,
      range.start.character,
      keyword.start.line - range.start.line,
      keyword.start.character,
      keyword.end.line - range.start.line,
      keyword.end.character,
    ];
    // The text itself is the key: hashing the slice copies nothing (a key made of the text and the shape was a copy of
    // every instruction per parse). Kept keys are flat copies, made once, so that no key keeps a whole version alive.
    const content = text.slice(from, to);
    const line = keyword.start.line;
    let entry = this.current.get(content);
    if (!entry) {
      const old = this.previous.get(content);
      if (old && this.generation - old.born < MAX_AGE && sameShape(old.shape, shape)) {
        entry = old;
        this.current.set(old.key, entry);
      }
    } else if (!sameShape(entry.shape, shape)) entry = undefined;
    if (!entry) {
      this.stats.misses++;
      const args = compute.call(instr);
      const key = flatCopy(content);
      this.current.set(key, { key, shape, placed: new Map([[line, args]]), born: this.generation });
      return args;
    }
    this.stats.hits++;
    let args = entry.placed.get(line);
    if (!args) {
      const [[at, first]] = entry.placed;
      args = first.map((a) => moved(a, line - at));
      if (entry.placed.size < MAX_PLACEMENTS) entry.placed.set(line, args);
    }
    return args;
  }
}

function sameShape(a: number[], b: number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** A copy of `s` that shares no memory with the string it was sliced from. */
function flatCopy(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

function moved(arg: Argument, lines: number): Argument {
  const r = arg.getRange();
  return new Argument(arg.getValue(), {
    start: { line: r.start.line + lines, character: r.start.character },
    end: { line: r.end.line + lines, character: r.end.character },
  });
}

/** The cache the instructions being built now read through (set for the duration of a model's construction). */
let active: ArgumentCache | undefined;

export function activeArgumentCache(): ArgumentCache | undefined {
  return active;
}

/**
 * Makes `cache` the active one (for a model's parse and construction: the argument lists computed meanwhile go
 * through it; without a cache, one for this parse alone, so the parser's two builds of each RUN share their list).
 * Returns the function that restores the previous one (call it in a `finally`).
 */
export function useArgumentCache(cache: ArgumentCache | undefined): () => void {
  const outer = active;
  active = cache ?? new ArgumentCache();
  active.beginParse();
  return () => {
    active = outer;
  };
}

/** Per document, beside its shell cache (the language server keeps one per edited Dockerfile). */
const byOwner = new WeakMap<object, ArgumentCache>();

/** The argument cache that goes with a per-document cache object (made on first use); undefined without one. */
export function argumentCacheFor(owner: object | undefined): ArgumentCache | undefined {
  if (!owner) return undefined;
  let cache = byOwner.get(owner);
  if (!cache) byOwner.set(owner, (cache = new ArgumentCache()));
  return cache;
}
