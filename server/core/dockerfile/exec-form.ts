/**
 * Exec (JSON) form as written by people who think it is Python: `CMD ['node', 'server.js']`. The builder only
 * accepts JSON (double quotes); anything else silently becomes shell form (`/bin/sh -c "['node', 'server.js']"`)
 * or, for COPY/ADD/VOLUME, a list of blank-separated words. Shared by json-single-quotes (which reports and fixes
 * it) and json-args (which must not mistake it for an ordinary shell-form command).
 *
 * Pure functions over the model's text; offsets are document offsets.
 */
import type { Healthcheck, Onbuild } from 'dockerfile-ast';
import type { DfInstruction, DockerfileModel } from './model';

export interface QuotedItem {
  /** Offsets of the item including its quotes. */
  start: number;
  end: number;
  /** The string the item stands for: a single-quoted item's content taken literally, a JSON string's value. */
  value: string;
  /** Written with single quotes (the part a fix rewrites). */
  single: boolean;
}

export interface SingleQuotedExecForm {
  /** The keyword the array belongs to (`CMD`, or the trigger of `ONBUILD CMD`, or `HEALTHCHECK` for its CMD). */
  keyword: string;
  /** Offsets of the array, `[` to `]` inclusive. */
  start: number;
  end: number;
  items: QuotedItem[];
}

/** Instructions whose arguments may be written in exec (JSON) form. */
export const EXEC_FORM_KEYWORDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'COPY', 'ADD']);
const FLAGGED = new Set(['RUN', 'COPY', 'ADD']);

/**
 * The array of `instr` when it is written like exec form but with at least one single-quoted item, every item
 * being a single-quoted or a JSON double-quoted string: `['a', 'b']`, `["a", 'b']`. Also the `CMD` of a
 * `HEALTHCHECK` and the trigger of an `ONBUILD`. Undefined otherwise (valid JSON, shell form, bare words).
 */
export function singleQuotedExecForm(model: DockerfileModel, instr: DfInstruction): SingleQuotedExecForm | undefined {
  let keyword = instr.keyword;
  let start = instr.argsStart;
  if (keyword === 'HEALTHCHECK') {
    const sub = (instr.ast as Healthcheck).getSubcommand();
    if (!sub || sub.getValue().toUpperCase() !== 'CMD') return undefined;
    start = model.offsetAt(sub.getRange().end);
  } else if (keyword === 'ONBUILD') {
    const trigger = (instr.ast as Onbuild).getTriggerRange();
    const word = (instr.ast as Onbuild).getTriggerWord();
    if (!trigger || !word) return undefined;
    keyword = word.toUpperCase();
    if (!EXEC_FORM_KEYWORDS.has(keyword)) return undefined;
    start = model.offsetAt(trigger.end);
    if (FLAGGED.has(keyword)) start = skipFlags(model, start, instr.end);
  } else if (!EXEC_FORM_KEYWORDS.has(keyword)) {
    return undefined;
  }
  const parsed = parseArray(model, start, instr.end);
  if (!parsed || !parsed.items.some((i) => i.single)) return undefined;
  return { keyword, ...parsed };
}

/** The text the JSON string literal for `value` is written as. */
export function jsonString(value: string): string {
  return JSON.stringify(value);
}

// ---- scanning -------------------------------------------------------------------------------------

/** Skips blanks, escaped line breaks and the comment lines inside a continuation; returns the next offset. */
function skipBlanks(model: DockerfileModel, i: number, end: number): number {
  const text = model.text;
  const esc = model.escapeChar;
  for (;;) {
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] === esc) {
      let j = i + 1;
      while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
      if (text[j] === '\r') j++;
      if (text[j] === '\n') {
        i = j + 1;
        // Comment lines (and blank lines) inside a continuation are dropped by the parser.
        for (;;) {
          let k = i;
          while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
          if (text[k] === '#' || text[k] === '\r' || text[k] === '\n') {
            const nl = text.indexOf('\n', k);
            if (nl < 0 || nl >= end) return end;
            i = nl + 1;
            continue;
          }
          break;
        }
        continue;
      }
    }
    return i;
  }
}

function skipFlags(model: DockerfileModel, i: number, end: number): number {
  const text = model.text;
  i = skipBlanks(model, i, end);
  while (i < end && text.startsWith('--', i) && /[A-Za-z]/.test(text[i + 2] ?? '')) {
    while (i < end && !/\s/.test(text[i])) i++;
    i = skipBlanks(model, i, end);
  }
  return i;
}

/** Reads `[ item, item … ]` where every item is a single- or double-quoted string on one line. */
function parseArray(model: DockerfileModel, from: number, end: number): { start: number; end: number; items: QuotedItem[] } | undefined {
  const text = model.text;
  let i = skipBlanks(model, from, end);
  if (text[i] !== '[') return undefined;
  const start = i;
  const items: QuotedItem[] = [];
  i = skipBlanks(model, i + 1, end);
  if (text[i] === ']') return undefined;
  for (;;) {
    const item = readItem(text, i, end);
    if (!item) return undefined;
    items.push(item);
    i = skipBlanks(model, item.end, end);
    if (text[i] === ',') {
      i = skipBlanks(model, i + 1, end);
      continue;
    }
    if (text[i] !== ']') return undefined;
    const close = i + 1;
    // Nothing but blanks may follow the array.
    if (text.slice(skipBlanks(model, close, end), end).trim() !== '') return undefined;
    return { start, end: close, items };
  }
}

function readItem(text: string, i: number, end: number): QuotedItem | undefined {
  const quote = text[i];
  if (quote === "'") {
    const close = text.indexOf("'", i + 1);
    if (close < 0 || close >= end) return undefined;
    const value = text.slice(i + 1, close);
    if (/[\r\n]/.test(value)) return undefined;
    return { start: i, end: close + 1, value, single: true };
  }
  if (quote === '"') {
    let j = i + 1;
    while (j < end && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
    if (text[j] !== '"') return undefined;
    try {
      const value: unknown = JSON.parse(text.slice(i, j + 1));
      if (typeof value !== 'string') return undefined;
      return { start: i, end: j + 1, value, single: false };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
