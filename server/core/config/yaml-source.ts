/**
 * A configuration file parsed with the `yaml` package, keeping where each key and value is written, so a problem
 * is reported at the offending key or value rather than at the top of the file.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { LineIndex } from '../text';
import type { Range } from '../types';

export type Segment = string | number;

export interface YamlSource {
  path: string;
  text: string;
  /** The plain value (undefined when the YAML does not parse). */
  value: unknown;
  /** Syntax errors, at their position. */
  syntaxErrors: { range: Range; message: string }[];
  /** The range of the key (`'key'`) or the value (`'value'`) at a path of map keys and list indexes. */
  rangeOf(path: readonly Segment[], part?: 'key' | 'value'): Range;
}

const FILE_START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function parseYamlSource(path: string, text: string): YamlSource {
  const index = new LineIndex(text);
  const toRange = (start: number, end: number): Range => ({ start: index.positionAt(start), end: index.positionAt(end) });
  let doc: Document.Parsed | undefined;
  const syntaxErrors: YamlSource['syntaxErrors'] = [];
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: true });
    for (const e of doc.errors) {
      const [start, end] = e.pos;
      syntaxErrors.push({ range: toRange(start, Math.max(end, start + 1)), message: firstLine(e.message) });
    }
  } catch (e) {
    syntaxErrors.push({ range: FILE_START, message: e instanceof Error ? e.message : String(e) });
  }
  let value: unknown;
  if (doc && syntaxErrors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      syntaxErrors.push({ range: FILE_START, message: e instanceof Error ? e.message : String(e) });
    }
  }
  const firstLineRange = (): Range => ({ start: { line: 0, character: 0 }, end: { line: 0, character: index.lineEnd(0) } });

  return {
    path,
    text,
    value,
    syntaxErrors,
    rangeOf(segments, part = 'value') {
      if (!doc) return firstLineRange();
      let node: unknown = doc.contents;
      let key: unknown;
      let found = 0;
      for (const seg of segments) {
        let next: unknown;
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(seg));
          if (!pair) break;
          key = pair.key;
          // `rules:` with nothing after it: point at the key.
          next = pair.value ?? pair.key;
        } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
          key = undefined;
          next = node.items[seg];
        } else break;
        node = next;
        found++;
      }
      const target = (found === segments.length && part === 'key' && key ? key : node) as Node | null | undefined;
      const range = target?.range;
      if (!range) return firstLineRange();
      // A block collection's value ends after its last line break: end at its last character instead.
      let end = range[1];
      while (end > range[0] && /\s/.test(text.charAt(end - 1))) end--;
      return toRange(range[0], end);
    },
  };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

export function firstLine(message: string): string {
  return message.split('\n')[0].replace(/(?<!\s)\s+at line \d+, column \d+:?$/, '');
}
