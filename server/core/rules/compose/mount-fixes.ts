import type { ComposeValue, VolumeMount } from '../../compose/model';
import { replace } from '../../fixes/edits';
import { detectEol } from '../../text';
import type { Fix, TextEdit } from '../../types';

/**
 * An edit that makes a mount read-only, in the style of the item: short syntax appends `:ro` after the target (or
 * turns `rw` into `ro`, or appends `,ro` to other options); long syntax sets `read_only: true` (turns `false` into
 * `true`, or adds the key after the item's last key, in block or flow style). Undefined when the text cannot be edited
 * exactly: values reached through an anchor or alias, or interpolated short-syntax strings.
 */
export function readOnlyEdit(v: VolumeMount): TextEdit | undefined {
  const item = v.item;
  if (item.via) return undefined;
  if (v.syntax === 'short') {
    if (item.interpolation || !item.isScalar) return undefined;
    if (v.readOnlyRange) return replace(v.readOnlyRange, 'ro');
    if (v.modeRange) return replace({ start: v.modeRange.end, end: v.modeRange.end }, ',ro');
    if (!v.targetRange) return undefined;
    return replace({ start: v.targetRange.end, end: v.targetRange.end }, ':ro');
  }
  const ro = item.get('read_only');
  if (ro) {
    if (ro.via || !ro.isScalar) return undefined;
    return replace(ro.range, 'true');
  }
  return addKeyEdit(item, 'read_only', 'true');
}

/**
 * Adds `key: value` to a mapping item of a list (a long-syntax volume or port): after its last key, on a new line at
 * the column of its first key (block style) or as `, key: value` before the closing brace (flow style).
 */
export function addKeyEdit(item: ComposeValue, key: string, value: string): TextEdit | undefined {
  if (item.via || !item.isMap) return undefined;
  const lines = item.model.lines;
  const entries = item.entries();
  if (entries.length === 0) return undefined;
  const first = entries[0];
  const last = entries[entries.length - 1];
  if (entries.some((e) => e.via)) return undefined;
  const flow = item.model.text[item.offsets[0]] === '{';
  if (flow) return replace({ start: last.entryRange.end, end: last.entryRange.end }, `, ${key}: ${value}`);
  // Block mapping: a new line after the item's last key, at the column of its first key.
  const endLine = last.entryRange.end.character === 0 ? last.entryRange.end.line - 1 : last.entryRange.end.line;
  const eol = detectEol(lines.text);
  const at = { line: endLine, character: lines.lineText(endLine).length };
  const after = lines.lineText(endLine).slice(last.entryRange.end.line === endLine ? last.entryRange.end.character : 0);
  if (after.trim() !== '' && !/^\s*#/.test(after)) return undefined;
  return { range: { start: at, end: at }, newText: eol + ' '.repeat(first.keyRange.start.character) + `${key}: ${value}` };
}

export function readOnlyFix(v: VolumeMount, title: string, isPreferred: boolean): Fix | undefined {
  const edit = readOnlyEdit(v);
  return edit ? { title, edits: [edit], safe: false, isPreferred } : undefined;
}
