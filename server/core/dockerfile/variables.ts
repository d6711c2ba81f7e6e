/**
 * ARG/ENV substitution as the Docker builder does it: `$VAR`, `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}`, with the escape character protecting `$`.
 * Unknown variables are not guessed: the result is `undefined`.
 */

/** Known values; `undefined` means the variable is declared but its value is unknown (e.g. `ARG X`). */
export type Scope = Map<string, string | undefined>;

/** Build args Docker predefines: always "declared", values unknown (they come from the builder). */
export const PREDEFINED_ARGS = new Set([
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy',
  'ALL_PROXY', 'all_proxy', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM',
  'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'BUILDKIT_SYNTAX', 'BUILDKIT_INLINE_CACHE',
  'BUILDKIT_MULTI_PLATFORM', 'BUILDKIT_SANDBOX_HOSTNAME', 'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
  'SOURCE_DATE_EPOCH',
]);

export interface VariableUse {
  name: string;
  /** Offsets within the substituted string. */
  start: number;
  end: number;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Every `$NAME` / `${NAME…}` reference in `text`, skipping escaped dollars. */
export function findVariableUses(text: string, escapeChar = '\\'): VariableUse[] {
  const uses: VariableUse[] = [];
  let single = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escapeChar) {
      i++;
      continue;
    }
    if (c === "'") single = !single;
    if (c !== '$' || single) continue;
    const start = i;
    if (text[i + 1] === '{') {
      let j = i + 2;
      while (j < text.length && NAME_CHAR.test(text[j])) j++;
      const name = text.slice(i + 2, j);
      if (name && NAME_START.test(name[0])) uses.push({ name, start, end: j });
    } else if (i + 1 < text.length && NAME_START.test(text[i + 1])) {
      let j = i + 1;
      while (j < text.length && NAME_CHAR.test(text[j])) j++;
      uses.push({ name: text.slice(i + 1, j), start, end: j });
      i = j - 1;
    }
  }
  return uses;
}

/**
 * Substitutes variables in `text` from `scope`. Returns `undefined` when any referenced variable has
 * no known value (and no default applies). Escaped `$` (with the escape character) stays literal.
 * Quotes are kept as written: callers strip them where the instruction does.
 */
export function substitute(text: string, scope: Scope, escapeChar = '\\'): string | undefined {
  if (!text.includes('$')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escapeChar && text[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = findClosingBrace(text, i + 2);
      if (close < 0) return undefined;
      const body = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([\s\S]*))?$/.exec(body);
      if (!m) return undefined;
      const [, name, op, word] = m;
      const known = scope.has(name);
      const value = scope.get(name);
      let replacement: string | undefined;
      if (!op) {
        replacement = value;
      } else if (op === ':-' || op === '-') {
        if (known && value !== undefined && (op === '-' || value !== '')) replacement = value;
        else if (known && value === undefined) replacement = undefined; // value decided at build time
        else replacement = substitute(word ?? '', scope, escapeChar);
      } else {
        // :+ / + : alternative when set
        if (known && value === undefined) replacement = undefined;
        else if (known && (op === '+' || value !== '')) replacement = substitute(word ?? '', scope, escapeChar);
        else replacement = '';
      }
      if (replacement === undefined) return undefined;
      out += replacement;
      i = close;
    } else if (i + 1 < text.length && NAME_START.test(text[i + 1])) {
      let j = i + 1;
      while (j < text.length && NAME_CHAR.test(text[j])) j++;
      const value = scope.get(text.slice(i + 1, j));
      if (value === undefined) return undefined;
      out += value;
      i = j - 1;
    } else {
      out += c;
    }
  }
  return out;
}

function findClosingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Removes one level of matching surrounding quotes, as ARG/ENV/USER values are read. */
export function unquote(value: string): string {
  if (value.length >= 2) {
    const q = value[0];
    if ((q === '"' || q === "'") && value[value.length - 1] === q) return value.slice(1, -1);
  }
  return value;
}
