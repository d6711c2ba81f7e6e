/**
 * Where the text of a `FROM` image comes from: the FROM word itself, or the default of a global `ARG` (`ARG
 * BASE=node:20` … `FROM ${BASE}`), or an inline default (`${BASE:-node:20}`). Fixes that rewrite part of an image
 * reference (pin a digest, replace an end-of-life tag) map the part they change back to the document through this,
 * and give up — no fix rather than a wrong one — when that part is not written literally in one place.
 */
import type { Arg } from 'dockerfile-ast';
import type { DfInstruction, DockerfileModel, Stage } from '../dockerfile/model';

/** A run of the resolved image text written literally at `docStart` (or not mappable: `docStart` undefined). */
export interface SourcePiece {
  /** Offsets in the resolved text. */
  start: number;
  end: number;
  docStart?: number;
  /** The global ARG whose default holds this piece, when it comes from one. */
  arg?: { name: string; instruction: DfInstruction };
}

export interface SourcedImage {
  /** The resolved reference (equal to `stage.image.resolved`). */
  text: string;
  pieces: SourcePiece[];
}

interface ArgValue {
  name: string;
  instruction: DfInstruction;
  /** The default as written, quotes removed. */
  raw: string;
  /** Document offset of `raw`. */
  docStart: number;
}

/** Maps the resolved image of a stage to the text it is written in; undefined when it cannot be traced exactly. */
export function sourceOfImage(model: DockerfileModel, stage: Stage): SourcedImage | undefined {
  const resolved = stage.image.resolved;
  if (!stage.imageRange || resolved === undefined) return undefined;
  const start = model.offsetAt(stage.imageRange.start);
  const end = model.offsetAt(stage.imageRange.end);
  const raw = model.text.slice(start, end);
  if (raw !== stage.image.raw) return undefined;
  const args = globalArgValues(model);
  const pieces = sourcePieces(model, raw, start, (name) => args.get(name), 0);
  if (!pieces) return undefined;
  const text = pieces.map((p) => p.text).join('');
  if (text !== resolved) return undefined;
  const out: SourcePiece[] = [];
  let at = 0;
  for (const p of pieces) {
    if (p.text.length === 0) continue;
    out.push({ start: at, end: at + p.text.length, docStart: p.docStart, ...(p.arg ? { arg: p.arg } : {}) });
    at += p.text.length;
  }
  return { text, pieces: out };
}

/**
 * The document range holding [start, end) of the resolved text, when that span lies in one literally written piece
 * (an insertion point, start = end, may sit at the end of a piece). Undefined otherwise.
 */
export function mapSpan(source: SourcedImage, start: number, end: number): { docStart: number; docEnd: number; piece: SourcePiece } | undefined {
  for (const p of source.pieces) {
    const inside = start >= p.start && end <= p.end && (start < p.end || start === end);
    if (!inside || p.docStart === undefined) continue;
    return { docStart: p.docStart + (start - p.start), docEnd: p.docStart + (end - p.start), piece: p };
  }
  return undefined;
}

interface RawPiece {
  text: string;
  docStart?: number;
  arg?: { name: string; instruction: DfInstruction };
}

/**
 * Splits `raw` (written at document offset `docStart`) into literal runs and variable values. Handles `$NAME`,
 * `${NAME}`, `${NAME:-word}` and `${NAME-word}`; anything else (escapes, `:+`, unknown variables) gives up.
 */
function sourcePieces(
  model: DockerfileModel,
  raw: string,
  docStart: number,
  lookup: (name: string) => ArgValue | undefined,
  depth: number,
): RawPiece[] | undefined {
  if (depth > 4) return undefined;
  if (raw.includes(model.escapeChar)) return undefined;
  const out: RawPiece[] = [];
  let literalStart = 0;
  const flush = (to: number) => {
    if (to > literalStart) out.push({ text: raw.slice(literalStart, to), docStart: docStart + literalStart });
  };
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '$') continue;
    flush(i);
    let name: string;
    let next: number;
    let fallback: { word: string; at: number; ifEmpty: boolean } | undefined;
    if (raw[i + 1] === '{') {
      const close = raw.indexOf('}', i + 2);
      if (close < 0) return undefined;
      const body = raw.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)(.*))?$/.exec(body);
      if (!m) return undefined;
      name = m[1];
      if (m[2] !== undefined) {
        if (m[3].includes('$') || m[3].includes('{')) return undefined;
        fallback = { word: m[3], at: i + 2 + m[1].length + m[2].length, ifEmpty: m[2] === ':-' };
      }
      next = close + 1;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1));
      if (!m) return undefined;
      name = m[0];
      next = i + 1 + name.length;
    }
    const value = lookup(name);
    const useFallback = fallback && (!value || (fallback.ifEmpty && value.raw === ''));
    if (useFallback) {
      out.push({ text: fallback!.word, docStart: docStart + fallback!.at });
    } else {
      if (!value) return undefined;
      const inner = sourcePieces(model, value.raw, value.docStart, (n) => argBefore(model, n, value.instruction), depth + 1);
      if (!inner) return undefined;
      for (const p of inner) out.push({ ...p, arg: p.arg ?? { name: value.name, instruction: value.instruction } });
    }
    i = next - 1;
    literalStart = next;
  }
  flush(raw.length);
  return out;
}

/** The defaults of the global ARGs (before the first FROM) as the FROM lines see them: the last assignment wins. */
function globalArgValues(model: DockerfileModel): Map<string, ArgValue> {
  const values = new Map<string, ArgValue>();
  for (const instr of model.instructions) {
    if (instr.stage) break;
    if (instr.keyword !== 'ARG') continue;
    const value = argValue(model, instr);
    if (value) values.set(value.name, value);
  }
  return values;
}

/** The default of global ARG `name` in effect just before `instr`. */
function argBefore(model: DockerfileModel, name: string, instr: DfInstruction): ArgValue | undefined {
  let found: ArgValue | undefined;
  for (const i of model.instructions) {
    if (i === instr || i.stage) break;
    if (i.keyword !== 'ARG') continue;
    const value = argValue(model, i);
    if (value?.name === name) found = value;
  }
  return found;
}

function argValue(model: DockerfileModel, instr: DfInstruction): ArgValue | undefined {
  const prop = (instr.ast as Arg).getProperty();
  if (!prop || prop.getAssignmentOperator() === null) return undefined;
  const range = prop.getValueRange();
  if (!range) return undefined;
  let start = model.offsetAt(range.start);
  let end = model.offsetAt(range.end);
  let raw = model.text.slice(start, end);
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0]) {
    start++;
    end--;
    raw = raw.slice(1, -1);
  }
  if (/["'\r\n]/.test(raw)) return undefined;
  return { name: prop.getName(), instruction: instr, raw, docStart: start };
}
