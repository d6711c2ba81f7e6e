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

const NAME_START = /[_a-zA-Z]/;
const NAME_CHAR = /[_a-zA-Z0-9]/;

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
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}') {
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
  let out = '';
  let known = true;
  let invalid: Interpolated['invalid'];
  const fail = (start: number, end: number, message: string) => {
    known = false;
    invalid ??= { start, end, message };
  };
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
      continue;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = dollar + 2;
      while (end < text.length && NAME_CHAR.test(text[end])) end++;
      variables.push({ name: text.slice(dollar + 1, end), start: dollar, end, braced: false });
      known = false;
      i = end;
      continue;
    }
    if (next === '{') {
      const close = closingBrace(text, dollar);
      if (close < 0) {
        fail(dollar, text.length, 'unclosed `${`');
        i = text.length;
        break;
      }
      const body = text.slice(dollar + 2, close);
      let n = 0;
      if (n < body.length && NAME_START.test(body[n])) {
        n++;
        while (n < body.length && NAME_CHAR.test(body[n])) n++;
      }
      const name = body.slice(0, n);
      const rest = body.slice(n);
      const op = /^(:-|:\?|:\+|-|\?|\+)/.exec(rest)?.[1] as InterpolationOperator | undefined;
      if (!name || (rest !== '' && !op)) {
        fail(dollar, close + 1, `\`${text.slice(dollar, close + 1)}\` is not a valid variable reference`);
        i = close + 1;
        continue;
      }
      const argument = op ? rest.slice(op.length) : undefined;
      variables.push({ name, start: dollar, end: close + 1, braced: true, ...(op ? { operator: op, argument } : {}) });
      if ((op === ':-' || op === '-') && argument !== undefined && depth < 16) {
        const inner = interpolateAt(argument, depth + 1);
        if (inner.known && inner.value !== undefined) out += inner.value;
        else known = false;
      } else {
        known = false;
      }
      i = close + 1;
      continue;
    }
    fail(dollar, dollar + 1, '`$` must be followed by a variable name, `{` or another `$` (write `$$` for a literal `$`)');
    i = dollar + 1;
  }
  return { value: known ? out : undefined, known, variables, ...(invalid ? { invalid } : {}) };
}
