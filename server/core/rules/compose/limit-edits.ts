import { memoLastText } from '../../text';
import { isMap } from 'yaml';
import type { ComposeService, ComposeValue } from '../../compose/model';
import { insertLinesAtEnd } from '../../fixes/edits';
import { detectEol } from '../../text';
import type { TextEdit } from '../../types';

/**
 * Edits that add a key under a service, at a path of nested mappings (`deploy` → `resources` → `limits` → `memory`),
 * merging into the mappings that already exist and writing the missing ones as block mappings indented like the file.
 *
 * The key goes into the service's highest layer (its definition in the last document that defines it). No edit is
 * offered when that layer, or a mapping on the path, is written in flow style, reached through an alias, merge key or
 * `extends` (editing the anchor would change other services; shadowing it would drop the merged keys), or is not a
 * mapping.
 */
export function addServicePath(service: ComposeService, path: string[], value: string): TextEdit | undefined {
  const layer = service.layers[0];
  if (!layer || layer.via || !isBlockMap(layer) || layer !== ownTop(service)) return undefined;
  const lines = layer.model.lines;
  const step = indentStep(service, layer);
  if (step === undefined) return undefined;
  let map: ComposeValue = layer;
  let i = 0;
  for (; i < path.length - 1; i++) {
    const e = map.get(path[i]);
    if (!e) break;
    if (e.via || !isBlockMap(e)) return undefined;
    map = e;
  }
  if (map.get(path[path.length - 1])) return undefined;
  const col = childColumn(map);
  if (col === undefined) return undefined;
  const rest = path.slice(i);
  const out = rest.map((k, d) => ' '.repeat(col + d * step) + k + ':' + (d === rest.length - 1 ? ' ' + value : ''));
  let endOffset = map.offsets[1];
  // A block scalar's range ends after its line break (and kept blank lines): step back to its last character.
  while (endOffset > map.offsets[0] && /\s/.test(lines.text[endOffset - 1])) endOffset--;
  const lastLine = lines.positionAt(endOffset).line;
  if (lastLine + 1 >= lines.lineCount) return insertLinesAtEnd(lines, out);
  const eol = detectEol(lines.text);
  const at = { line: lastLine + 1, character: 0 };
  return { range: { start: at, end: at }, newText: out.map((l) => l + eol).join('') };
}

/** The service's own definition in the last document that defines it as a mapping. */
function ownTop(service: ComposeService): ComposeValue | undefined {
  return [...service.definitions].reverse().find((d) => d.isMap);
}

function isBlockMap(v: ComposeValue): boolean {
  const n = v.node;
  return isMap(n) && !n.flow && n.items.length > 0;
}

/** The column of a block mapping's first key. */
function childColumn(map: ComposeValue): number | undefined {
  const n = map.node;
  if (!isMap(n)) return undefined;
  const first = n.items[0]?.key as { range?: [number, number, number] } | null;
  if (!first?.range) return undefined;
  const pos = map.model.lines.positionAt(first.range[0]);
  // A key written after `- ` or on the line of its parent is not at the line's indentation: keep to simple layouts.
  if (map.model.lines.lineText(pos.line).slice(0, pos.character).trim() !== '') return undefined;
  return pos.character;
}

/** The file's indentation step: how far the service's keys sit right of the service's name. */
function indentStep(service: ComposeService, layer: ComposeValue): number | undefined {
  const def = [...service.definitions].reverse().find((d) => d.isMap);
  if (!def || def !== layer) return undefined;
  const nameCol = def.keyRange.start.character;
  const col = childColumn(def);
  if (col === undefined || col <= nameCol) return undefined;
  const nameLine = def.model.lines.lineText(def.keyRange.start.line).slice(0, nameCol);
  if (nameLine.trim() !== '') return undefined;
  return col - nameCol;
}

/** `"` unless the file quotes its scalars with `'` more often. */
export const quoteStyle = memoLastText((text: string): string => {
  const single = (text.match(/:\s+'[^'\n]*'\s*(#.*)?$/gm) ?? []).length;
  const double = (text.match(/:\s+"[^"\n]*"\s*(#.*)?$/gm) ?? []).length;
  return single > double ? "'" : '"';
});

/** False for a service that runs no container (`provider:` services are run by a Compose provider plugin). */
export function runsContainer(service: ComposeService): boolean {
  return !service.has('provider');
}

/**
 * Adds `key` with a block of lines at the end of the service's highest layer. `lines(step)` returns the lines
 * relative to the service's keys (the first one is `key:`), indented with `step` per level.
 */
export function addServiceBlock(service: ComposeService, key: string, lines: (step: string) => string[]): TextEdit | undefined {
  const probe = addServicePath(service, [key], 'x');
  if (!probe) return undefined;
  const layer = service.layers[0];
  const col = childColumn(layer);
  const step = indentStep(service, layer);
  if (col === undefined || step === undefined) return undefined;
  const eol = detectEol(layer.model.lines.text);
  const body = lines(' '.repeat(step)).map((l) => ' '.repeat(col) + l);
  const atEnd = probe.newText.startsWith(eol) && probe.newText !== ' '.repeat(col) + key + ': x' + eol;
  return { range: probe.range, newText: (atEnd ? eol : '') + body.map((l) => l + eol).join('') };
}
