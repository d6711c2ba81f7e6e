/**
 * Suppression comments in Dockerfiles, in three syntaxes:
 *
 *   # bulwark-ignore no-sudo, DL3008 -- reason      the next instruction (all its lines)
 *   # bulwark-ignore-file image-not-pinned -- why    the whole file
 *   # hadolint ignore=DL3008,DL3015                  the next instruction
 *   # hadolint global ignore=DL3008                  the whole file
 *   # hadolint stage ignore=DL3008                   the stage the comment is in (or the stage it precedes)
 *   # check=skip=JSONArgsRecommended,…|all           BuildKit's directive (top of file): the whole file
 *
 * Rules are named by Bulwark id or by any alias (hadolint DL codes, BuildKit check names, …). An unknown name is
 * itself reported, at the name, so a typo does not silently suppress nothing.
 *
 * Compose files (`composeSuppressions`) take Bulwark's two comments, on their own line:
 *
 *   # bulwark-ignore compose-privileged -- reason    the next key or list item (all its lines)
 *   # bulwark-ignore-file compose-cap-drop-all       the whole file
 */
import type { ComposeModel } from './compose/model';
import type { DockerfileModel } from './dockerfile/model';
import type { Range } from './types';

export interface SuppressionProblem {
  range: Range;
  message: string;
}

export interface Suppressions {
  isSuppressed(ruleId: string, range: Range): boolean;
  /** Unknown rule names in suppression comments. */
  problems: SuppressionProblem[];
  /** BuildKit's `# check=…;error=true` directive (Dockerfiles): check violations fail the build. */
  buildkitError?: boolean;
}

export interface SuppressionOptions {
  /** False: `# hadolint ignore=` comments are not honoured (hadolint's `disable-ignore-pragma`). Default true. */
  hadolint?: boolean;
}

/** Resolves a rule name or alias to a rule id; undefined when unknown. */
export type RuleResolver = (name: string) => string | undefined;

interface Scope {
  ids: Set<string>;
  /** Inclusive line span the suppression covers; file-wide when undefined. */
  from?: number;
  to?: number;
  all?: boolean;
}

// The text after a keyword is `\s*(\S.*)?$`, not `\s*(.*)$` (whose `\s*` and `.*` share the blanks: quadratic); the group
// is undefined where the old one was ''.
export const BULWARK = /^#\s*bulwark-ignore(-file)?(?:\s+(\S.*)?)?$/i;
export const HADOLINT = /^#\s*hadolint\s+(?:(global|stage)\s+)?ignore\s*=\s*(\S.*)?$/i;
export const CHECK = /^#\s*check\s*=\s*(\S.*)?$/i;
export const SKIP = /^\s*skip\s*=\s*(\S.*)?$/i;

export function dockerfileSuppressions(model: DockerfileModel, resolve: RuleResolver, options: SuppressionOptions = {}): Suppressions {
  const scopes: Scope[] = [];
  let buildkitError = false;
  const problems: SuppressionProblem[] = [];
  const lines = model.lines;
  // Parser directives (`# syntax=`, `# escape=`, `# check=`) are only the `# key=value` lines at the very top: the
  // first line that is not one (a blank line, another comment, an instruction) ends them.
  let directiveLines = 0;
  while (directiveLines < lines.lineCount && /^#\s*[A-Za-z][\w-]*\s*=/.test(lines.lineText(directiveLines).replace(/^\uFEFF/, ''))) directiveLines++;

  /** Resolves comma/space separated names starting at `offset` of `line`, reporting the unknown ones. */
  const readNames = (line: number, text: string, offset: number, allowAll: boolean): { ids: Set<string>; all: boolean } => {
    const ids = new Set<string>();
    let all = false;
    const re = /[^\s,;]+/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const name = m[0];
      if (allowAll && name.toLowerCase() === 'all') {
        all = true;
        continue;
      }
      const id = resolve(name) ?? resolve(`BK ${name}`);
      if (id) ids.add(id);
      else {
        const start = offset + m.index;
        problems.push({
          range: { start: { line, character: start }, end: { line, character: start + name.length } },
          message: `Unknown rule \`${name}\` in suppression comment: nothing is suppressed by it.`,
        });
      }
    }
    return { ids, all };
  };

  // Only a line holding a `#` can be a comment: lines before the next `#` are skipped without being read.
  const source = model.text;
  let hash = source.indexOf('#');
  for (let line = 0; line < lines.lineCount; line++) {
    if (hash < 0) break;
    const lineEnd = line + 1 < lines.lineCount ? lines.lineStarts[line + 1] : source.length;
    if (hash >= lineEnd) continue;
    hash = source.indexOf('#', lineEnd);
    const raw = lines.lineText(line);
    const indent = /^\s*/.exec(raw)![0].length;
    const text = raw.slice(indent).trimEnd();
    if (!text.startsWith('#')) continue;
    if (isInsideInstruction(model, line)) continue;

    let m = BULWARK.exec(text);
    if (m) {
      const rest = m[2] ?? '';
      const body = rest.split(/\s--(\s|$)/)[0];
      const { ids } = readNames(line, body, indent + text.indexOf(rest), false);
      if (m[1]) scopes.push({ ids });
      else scopes.push({ ids, ...nextInstructionSpan(model, line) });
      continue;
    }
    m = HADOLINT.exec(text);
    if (m && options.hadolint === false) continue;
    if (m) {
      const rest = m[2] ?? '';
      const body = rest.split(/\s--(\s|$)|\s#/)[0];
      const { ids } = readNames(line, body, indent + text.indexOf(rest), false);
      const kind = m[1]?.toLowerCase();
      if (kind === 'global') scopes.push({ ids });
      else if (kind === 'stage') scopes.push({ ids, ...stageSpan(model, line) });
      else scopes.push({ ids, ...nextInstructionSpan(model, line) });
      continue;
    }
    m = CHECK.exec(text);
    if (m && line < directiveLines) {
      for (const part of (m[1] ?? '').split(';')) {
        if (/^\s*error\s*=\s*true\s*$/i.test(part)) buildkitError = true;
        const kv = SKIP.exec(part);
        if (!kv) continue;
        const names = kv[1] ?? '';
        const offset = indent + text.indexOf(part) + part.indexOf(names);
        const { ids, all } = readNames(line, names, offset, true);
        scopes.push({ ids, all });
      }
    }
  }

  return {
    problems,
    buildkitError,
    isSuppressed(ruleId, range) {
      const line = range.start.line;
      return scopes.some(
        (s) => (s.all || s.ids.has(ruleId)) && (s.from === undefined || (line >= s.from && line <= (s.to ?? s.from))),
      );
    },
  };
}

/** A comment line inside a multi-line instruction (continuation) is part of it, not a suppression. */
function isInsideInstruction(model: DockerfileModel, line: number): boolean {
  return model.instructions.some((i) => i.range.start.line < line && i.range.end.line >= line);
}

function nextInstructionSpan(model: DockerfileModel, line: number): { from: number; to: number } {
  const next = model.instructions.find((i) => i.range.start.line > line);
  // Nothing follows: the suppression covers nothing.
  if (!next) return { from: -1, to: -1 };
  return { from: next.range.start.line, to: next.range.end.line };
}

function stageSpan(model: DockerfileModel, line: number): { from: number; to: number } {
  const next = model.instructions.find((i) => i.range.start.line > line);
  const stage = next?.keyword === 'FROM' ? next.stage : (model.instructions.filter((i) => i.range.start.line < line).pop()?.stage ?? next?.stage);
  if (!stage) return { from: -1, to: -1 };
  const last = stage.instructions[stage.instructions.length - 1];
  return { from: Math.min(line, stage.from.range.start.line), to: last.range.end.line };
}

/**
 * Suppression comments in a Compose file: `# bulwark-ignore <ids>` on its own line covers the key (or list item) that
 * starts on the next non-blank, non-comment line, with all its lines; `# bulwark-ignore-file <ids>` anywhere covers the
 * file. Lines inside block scalars and multi-line strings are text, not comments.
 */
export function composeSuppressions(model: ComposeModel, resolve: RuleResolver): Suppressions {
  // Every suppression comment names `bulwark-ignore` (BULWARK): a file without it has none, and its lines need no scan.
  if (!/bulwark-ignore/i.test(model.text)) return { problems: [], isSuppressed: () => false };
  const scopes: Scope[] = [];
  const problems: SuppressionProblem[] = [];
  const lines = model.lines;
  // Only a line holding a `#` can be a comment: lines before the next `#` are skipped without being read.
  const source = model.text;
  let hash = source.indexOf('#');
  for (let line = 0; line < lines.lineCount; line++) {
    if (hash < 0) break;
    const lineEnd = line + 1 < lines.lineCount ? lines.lineStarts[line + 1] : source.length;
    if (hash >= lineEnd) continue;
    hash = source.indexOf('#', lineEnd);
    const raw = lines.lineText(line);
    const indent = /^\s*/.exec(raw)![0].length;
    const text = raw.slice(indent).trimEnd();
    if (!text.startsWith('#') || model.isScalarTextLine(line)) continue;
    const m = BULWARK.exec(text);
    if (!m) continue;
    const rest = m[2] ?? '';
    const body = rest.split(/\s--(\s|$)/)[0];
    const offset = indent + text.indexOf(rest);
    const ids = new Set<string>();
    const re = /[^\s,;]+/g;
    for (let n = re.exec(body); n; n = re.exec(body)) {
      const id = resolve(n[0]);
      if (id) ids.add(id);
      else {
        const start = offset + n.index;
        problems.push({
          range: { start: { line, character: start }, end: { line, character: start + n[0].length } },
          message: `Unknown rule \`${n[0]}\` in suppression comment: nothing is suppressed by it.`,
        });
      }
    }
    if (m[1]) {
      scopes.push({ ids });
      continue;
    }
    let next = line + 1;
    while (next < lines.lineCount && /^\s*(#.*)?$/.test(lines.lineText(next)) && !model.isScalarTextLine(next)) next++;
    const span = next < lines.lineCount ? model.spanStartingAt(next) : undefined;
    scopes.push({ ids, ...(span ?? (next < lines.lineCount ? { from: next, to: next } : { from: -1, to: -1 })) });
  }
  return {
    problems,
    isSuppressed(ruleId, range) {
      const line = range.start.line;
      return scopes.some((s) => s.ids.has(ruleId) && (s.from === undefined || (line >= s.from && line <= (s.to ?? s.from))));
    },
  };
}
