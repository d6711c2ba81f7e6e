import { memoLastText } from '../../text';
/**
 * Small YAML edits shared by the Compose service rules (compose-privileged, compose-dangerous-cap, compose-cap-drop-all,
 * compose-no-new-privileges, compose-confinement-disabled, compose-host-namespace, compose-read-only,
 * compose-root-user): delete a key with its lines, delete one list item, add keys to a service, append an item to a
 * list — in the file's style (block or flow, sibling indentation), never touching comments or other lines.
 *
 * Every helper returns undefined when the edit cannot be made cleanly (a value reached through an alias or a merge key,
 * a flow mapping, text sharing the lines): the rule then reports without a fix rather than risk a wrong edit.
 */
import { isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ComposeEntry, ComposeService, ComposeValue, YamlNode } from '../../compose/model';
import { deleteLines } from '../../fixes/edits';
import { detectEol } from '../../text';
import type { TextEdit } from '../../types';

/** Deletes the key's lines when nothing else is written on them (a trailing comment goes with the line). */
export function deleteEntry(entry: ComposeEntry): TextEdit | undefined {
  if (entry.via) return undefined;
  const lines = entry.model.lines;
  const range = entry.entryRange;
  const before = lines.lineText(range.start.line).slice(0, range.start.character);
  const after = lines.lineText(range.end.line).slice(range.end.character);
  if (!/^\s*(-\s+)?$/.test(before) || !/^\s*(#.*)?$/.test(after)) return undefined;
  // `- key: v` as a list item's only key would leave a bare `-`: not handled.
  if (/-\s+$/.test(before)) return undefined;
  if (onlyKey(entry)) return undefined;
  return deleteLines(lines, range.start.line, range.end.line);
}

/** True when the entry is the only key of its mapping (deleting it would leave `name:` empty, which Compose rejects). */
function onlyKey(entry: ComposeEntry): boolean {
  let only = false;
  // The walk stops at the mapping holding the entry (it went on through the rest of the document when that mapping
  // had other keys: a whole-document walk per fix, on every keystroke).
  let found = false;
  const visit = (n: unknown): void => {
    if (found || !n || typeof n !== 'object') return;
    if (isMap(n)) {
      if ((n as YAMLMap).items.some((p) => p === entry.pair)) {
        only = (n as YAMLMap).items.length === 1;
        found = true;
        return;
      }
      for (const p of (n as YAMLMap).items) visit(p.value);
    } else if (isSeq(n)) for (const i of (n as YAMLSeq).items) visit(i);
  };
  visit(entry.document.root?.node);
  return only;
}

/**
 * Deletes one item of a list-valued entry: its line in a block list, the item and one comma in a flow list, the whole
 * entry when it is the only item.
 */
export function deleteItem(entry: ComposeEntry, item: ComposeValue): TextEdit | undefined {
  if (entry.via || item.via) return undefined;
  const items = entry.items();
  if (items.length <= 1) return deleteEntry(entry);
  const seq = entry.node as YamlNode | null;
  if (!isSeq(seq)) return undefined;
  const model = entry.model;
  const lines = model.lines;
  const text = model.text;
  const [s, e] = item.offsets;
  if (!(seq as YAMLSeq).flow) {
    const r = item.range;
    const before = lines.lineText(r.start.line).slice(0, r.start.character);
    const after = lines.lineText(r.end.line).slice(r.end.character);
    if (!/^\s*-\s*$/.test(before) || !/^\s*(#.*)?$/.test(after)) return undefined;
    return deleteLines(lines, r.start.line, r.end.line);
  }
  const i = items.findIndex((x) => x.offsets[0] === s);
  if (i < 0) return undefined;
  let from: number;
  let to: number;
  if (i < items.length - 1) {
    from = s;
    to = items[i + 1].offsets[0];
  } else {
    from = items[i - 1].offsets[1];
    to = e;
  }
  const removed = text.slice(from, to);
  if (removed.includes('#') && !item.raw.includes('#')) return undefined;
  if (/[\r\n]/.test(removed)) return undefined;
  return { range: model.rangeOf(from, to), newText: '' };
}

/** The block mapping of the service's last definition (where new keys go), when it is one. */
function serviceMap(service: ComposeService): { map: YAMLMap; def: ComposeEntry } | undefined {
  for (const def of [...service.definitions].reverse()) {
    const n = def.node as YamlNode | null;
    if (isMap(n) && !(n as YAMLMap).flow && (n as YAMLMap).items.length > 0) return { map: n as YAMLMap, def };
  }
  return undefined;
}

/** Zero-based line on which a node's value ends. */
function endLine(service: ComposeService, node: YamlNode): number {
  const lines = service.model.lines;
  const end = node.range?.[1] ?? 0;
  const pos = lines.positionAt(end);
  return pos.character === 0 && pos.line > 0 && end > (node.range?.[0] ?? 0) ? pos.line - 1 : pos.line;
}

/** The indentation of the service's keys and the unit by which nested blocks are indented in the file. */
export function serviceIndent(service: ComposeService): { key: string; step: string } | undefined {
  const sm = serviceMap(service);
  if (!sm) return undefined;
  const first = sm.map.items[0].key as YamlNode;
  const pos = service.model.lines.positionAt(first.range?.[0] ?? 0);
  const key = service.model.lines.lineText(pos.line).slice(0, pos.character);
  if (!/^ *$/.test(key)) return undefined;
  const nameCol = service.model.lines.positionAt((sm.def.keyNode as YamlNode).range?.[0] ?? 0).character;
  const step = ' '.repeat(Math.max(1, key.length - nameCol));
  return { key, step };
}

/**
 * Inserts lines (relative to the service's key indentation; nested lines carry their own extra indentation) after
 * the service's last key.
 */
export function addServiceKeys(service: ComposeService, block: string[]): TextEdit | undefined {
  const sm = serviceMap(service);
  const ind = serviceIndent(service);
  if (!sm || !ind) return undefined;
  const last = sm.map.items[sm.map.items.length - 1];
  const node = (last.value ?? last.key) as YamlNode;
  const line = endLine(service, node);
  const lines = service.model.lines;
  const eol = detectEol(service.model.text);
  const text = block.map((l) => ind.key + l + eol).join('');
  if (line + 1 >= lines.lineCount) {
    const end = lines.positionAt(service.model.text.length);
    const needsBreak = service.model.text.length > 0 && !/\r?\n$|\r$/.test(service.model.text);
    return { range: { start: end, end }, newText: (needsBreak ? eol : '') + text };
  }
  const at = { line: line + 1, character: 0 };
  return { range: { start: at, end: at }, newText: text };
}

/** True when the file writes lists in flow style (`[a, b]`) under service keys and never in block style. */
export function prefersFlowLists(service: ComposeService): boolean {
  return flowListsOnly(service.model.text);
}

// Whole-text scans, asked once per finding with a fix: kept for the text last asked about (memoLastText).
const flowListsOnly = memoLastText((text: string): boolean => {
  const flow = /^[ \t]+[\w.-]+:[ \t]*\[/m.test(text);
  const block = /^[ \t]+-[ \t]/m.test(text);
  return flow && !block;
});

/** The quote character the file uses for strings (double unless single quotes dominate). */
export function quoteOf(service: ComposeService): string {
  return fileQuote(service.model.text);
}

const fileQuote = memoLastText((text: string): string => {
  const single = (text.match(/:\s*'[^'\n]*'/g) ?? []).length + (text.match(/-\s+'[^'\n]*'/g) ?? []).length;
  const double = (text.match(/:\s*"[^"\n]*"/g) ?? []).length + (text.match(/-\s+"[^"\n]*"/g) ?? []).length;
  return single > double ? "'" : '"';
});

/** Adds a key with a list of items in the file's list style. `items` are written as given (quote them yourself). */
export function addServiceList(service: ComposeService, key: string, items: string[]): TextEdit | undefined {
  const ind = serviceIndent(service);
  if (!ind) return undefined;
  if (prefersFlowLists(service)) return addServiceKeys(service, [`${key}: [${items.join(', ')}]`]);
  const itemIndent = listItemIndent(service) ?? ind.step;
  return addServiceKeys(service, [`${key}:`, ...items.map((i) => `${itemIndent}- ${i}`)]);
}

/** How block list items are indented relative to their key in this file ('' for `key:\n- a`). */
function listItemIndent(service: ComposeService): string | undefined {
  return fileListItemIndent(service.model.text);
}

const fileListItemIndent = memoLastText((text: string): string | undefined => {
  const m = /^([ \t]*)[\w.-]+:[ \t]*(?:#.*)?\r?\n([ \t]*)-[ \t]/m.exec(text);
  if (!m || m[2].length < m[1].length) return undefined;
  return m[2].slice(m[1].length);
});

/** Appends an item to a list-valued entry (block or flow); undefined when it cannot be done cleanly. */
export function appendItem(entry: ComposeEntry, item: string): TextEdit | undefined {
  if (entry.via) return undefined;
  const node = entry.node as YamlNode | null;
  const model = entry.model;
  if (!isSeq(node) || !node.range) return undefined;
  const seq = node as YAMLSeq;
  const items = entry.items();
  if (seq.flow) {
    const close = node.range[1] - 1;
    if (model.text[close] !== ']') return undefined;
    if (!items.length) return { range: model.rangeOf(close, close), newText: item };
    const lastEnd = items[items.length - 1].offsets[1];
    const between = model.text.slice(lastEnd, close);
    if (between.includes('#') || between.includes(',')) return undefined;
    return { range: model.rangeOf(lastEnd, lastEnd), newText: `, ${item}` };
  }
  if (!items.length) return undefined;
  const last = items[items.length - 1];
  const r = last.range;
  const lines = model.lines;
  const lineText = lines.lineText(r.start.line);
  const m = /^([ \t]*-[ \t]+)/.exec(lineText);
  if (!m || m[1].length !== r.start.character) return undefined;
  const eol = detectEol(model.text);
  const endL = r.end.character === 0 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line;
  const newLine = m[1] + item + eol;
  if (endL + 1 >= lines.lineCount) {
    const end = lines.positionAt(model.text.length);
    const needsBreak = !/\r?\n$|\r$/.test(model.text);
    return { range: { start: end, end }, newText: (needsBreak ? eol : '') + newLine };
  }
  const at = { line: endL + 1, character: 0 };
  return { range: { start: at, end: at }, newText: newLine };
}
