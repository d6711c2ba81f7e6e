/**
 * Compose variable interpolation (`${VAR}`, `$VAR`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
 * `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, `$$`), as the Compose Specification defines it.
 *
 * The analysis never reads the environment or a `.env` file, so a variable's value is unknown. A string is **known**
 * only when every variable in it has a default (`:-` / `-`, judged as the default); anything else (`${VAR}`, `$VAR`,
 * `${VAR:?err}`, `${VAR:+alt}`, a malformed template) makes it unknown: rules then do not guess (no finding rather than
 * a false one). Defaults may themselves contain variables (`${A:-${B:-x}}`). A hand-written scan: linear time.
 */

export type InterpolationOperator = ':-' | '-' | ':?' | '?' | ':+' | '+';

export interface VariableReference {
  name: string;
  /** Offsets of the whole reference (`${…}` or `$NAME`) in the interpolated text, half-open. */
  start: number;
  end: number;
  operator?: InterpolationOperator;
  /** The text after the operator, as written (a default, an error message or an alternative). */
  argument?: string;
  braced: boolean;
}

export interface Interpolated {
  /** The text after interpolation, when known. */
  value: string | undefined;
  /** True when every variable has a default (or there is none). */
  known: boolean;
  /** The references at the top level of the text (not those nested inside defaults), in order. */
  variables: VariableReference[];
  /** A template Compose rejects (`${}`, `${1}`, unclosed `${`, `$` before anything but a name, `{` or `$`). */
  invalid?: { start: number; end: number; message: string };
}

/** `[_a-zA-Z]` by char code (a regex test per character was most of the scan's time on long values). */
function isNameStart(c: number): boolean {
  return c === 95 /* _ */ || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `[_a-zA-Z0-9]`. */
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** The operator that starts at `at` (`:-` before `-`, …), or undefined. */
function operatorAt(text: string, at: number): InterpolationOperator | undefined {
  const c = text.charCodeAt(at);
  if (c === 58 /* : */) {
    const d = text.charCodeAt(at + 1);
    return d === 45 ? ':-' : d === 63 ? ':?' : d === 43 ? ':+' : undefined;
  }
  return c === 45 ? '-' : c === 63 ? '?' : c === 43 ? '+' : undefined;
}

/** True when the text holds a variable reference (not only `$$` escapes) or a malformed `$`. */
export function hasInterpolation(text: string): boolean {
  for (let i = text.indexOf('$'); i >= 0 && i < text.length; i = text.indexOf('$', i)) {
    if (text[i + 1] === '$') {
      i += 2;
      continue;
    }
    return true;
  }
  return false;
}

/** The index of the `}` closing the `${` that starts at `open` (nested `${…}` counted), or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) {
      depth++;
      i++;
    } else if (c === 125 /* } */) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

export function interpolate(text: string): Interpolated {
  return interpolateAt(text, 0);
}

function interpolateAt(text: string, depth: number): Interpolated {
  const variables: VariableReference[] = [];
  // The literal pieces, joined once at the end.
  const out: string[] = [];
  let known = true;
  let invalid: Interpolated['invalid'];
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      out.push(text.slice(i));
      break;
    }
    if (dollar > i) out.push(text.slice(i, dollar));
    const next = text.charCodeAt(dollar + 1);
    if (next === 36 /* $ */) {
      out.push('$');
      i = dollar + 2;
      continue;
    }
    if (isNameStart(next)) {
      let end = dollar + 2;
      while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
      variables.push({ name: text.slice(dollar + 1, end), start: dollar, end, braced: false });
      known = false;
      i = end;
      continue;
    }
    if (next === 123 /* { */) {
      const close = closingBrace(text, dollar);
      if (close < 0) {
        known = false;
        invalid ??= { start: dollar, end: text.length, message: 'unclosed `${`' };
        break;
      }
      const nameStart = dollar + 2;
      let n = nameStart;
      if (n < close && isNameStart(text.charCodeAt(n))) {
        n++;
        while (n < close && isNameChar(text.charCodeAt(n))) n++;
      }
      const op = n < close ? operatorAt(text, n) : undefined;
      if (n === nameStart || (n < close && !op)) {
        known = false;
        invalid ??= { start: dollar, end: close + 1, message: `\`${text.slice(dollar, close + 1)}\` is not a valid variable reference` };
        i = close + 1;
        continue;
      }
      const name = text.slice(nameStart, n);
      if (op) {
        const argument = text.slice(n + op.length, close);
        variables.push({ name, start: dollar, end: close + 1, braced: true, operator: op, argument });
        if ((op === ':-' || op === '-') && depth < 16) {
          const inner = interpolateAt(argument, depth + 1);
          if (inner.known && inner.value !== undefined) out.push(inner.value);
          else known = false;
        } else {
          known = false;
        }
      } else {
        variables.push({ name, start: dollar, end: close + 1, braced: true });
        known = false;
      }
      i = close + 1;
      continue;
    }
    known = false;
    invalid ??= { start: dollar, end: dollar + 1, message: '`$` must be followed by a variable name, `{` or another `$` (write `$$` for a literal `$`)' };
    i = dollar + 1;
  }
  return { value: known ? out.join('') : undefined, known, variables, ...(invalid ? { invalid } : {}) };
}
