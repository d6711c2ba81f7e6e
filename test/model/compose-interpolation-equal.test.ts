/**
 * The compose interpolation scan and the variable masking of short syntax were rewritten for speed (char codes instead
 * of a regex per character, literal pieces joined once, adjacent masked references merged into one run, no re-sort of
 * references that come in order): a value of 10,000 `${A}` took 20-25 ms of analysis. This file keeps the code as it
 * was before, as an oracle, and checks that the new functions give the same answers on random templates built from
 * `$`, braces, operators and names (fast-check), on the corpus's Compose files and on a few hand-picked edge cases.
 * It asserts no timing (speed is checked by the fuzz run and benchmarks).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { interpolate } from '../../server/core/compose/interpolation';
import type { Interpolated, InterpolationOperator, VariableReference } from '../../server/core/compose/interpolation';
import { maskVariables } from '../../server/core/compose/model';
import { corpusSamples } from '../fuzz/harness';

// ---- the oracle: the functions as they were before the rewrite ------------------------------------------------

const NAME_START = /[_a-zA-Z]/;
const NAME_CHAR = /[_a-zA-Z0-9]/;

function oldClosingBrace(text: string, open: number): number {
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

function oldInterpolateAt(text: string, depth: number): Interpolated {
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
      const close = oldClosingBrace(text, dollar);
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
        const inner = oldInterpolateAt(argument, depth + 1);
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

function oldMaskVariables(text: string): string {
  const parts: string[] = [];
  let from = 0;
  for (const v of [...oldInterpolateAt(text, 0).variables].sort((a, b) => a.start - b.start)) {
    const start = Math.max(v.start, from);
    if (v.end <= start) continue;
    parts.push(text.slice(from, start), 'x'.repeat(v.end - start));
    from = v.end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

// ---- the checks ---------------------------------------------------------------------------------------------

function assertSame(text: string): void {
  const now = interpolate(text);
  const before = oldInterpolateAt(text, 0);
  // Same fields, same values, same key order (findings and fixes are serialized).
  assert.equal(JSON.stringify(now), JSON.stringify(before), JSON.stringify(text));
  assert.deepStrictEqual(now, before, JSON.stringify(text));
  assert.equal(maskVariables(text, now), oldMaskVariables(text), JSON.stringify(text));
}

const PIECES = [
  '$', '$$', '{', '}', '${', '${A', '${A}', '$A', '$_b1', ':', ':-', '-', '?', ':?', '+', ':+', 'A', 'b', '_', '1',
  'x', ' ', '/', '.', ':80', '\\', '"', '\n', 'é', '\uD83D', '😀',
];

describe('compose interpolation equals the previous implementation', () => {
  it('on random templates of $, braces, operators and names (fast-check)', () => {
    const template = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(template, (text) => assertSame(text)),
      { numRuns: 20_000 },
    );
  });

  it('on random strings over a small alphabet (fast-check)', () => {
    const text = fc.string({ unit: fc.constantFrom('$', '{', '}', ':', '-', '?', '+', 'A', '1', 'x'), maxLength: 60 });
    fc.assert(
      fc.property(text, (t) => assertSame(t)),
      { numRuns: 20_000 },
    );
  });

  it('on nested defaults past the depth limit and long runs of references', () => {
    for (const depth of [1, 15, 16, 17, 40]) {
      assertSame('${A:-'.repeat(depth) + 'x' + '}'.repeat(depth));
      assertSame('${A-'.repeat(depth) + '$B' + '}'.repeat(depth));
    }
    assertSame('/media' + '${A}'.repeat(2_000));
    assertSame('${A}/'.repeat(2_000));
    assertSame('${A:-x}'.repeat(2_000) + '${');
    assertSame('${A:}${:-x}${A:-}${A-}${A:x}${A x}${A?}${A:?}${A+}${A:+}');
  });

  it("on every string value of the corpus's Compose files", () => {
    let checked = 0;
    for (const { text } of corpusSamples().compose) {
      // Every line and every `key: value` value: the templates Compose files really hold.
      for (const line of text.split('\n')) {
        if (!line.includes('$')) continue;
        assertSame(line);
        assertSame(line.slice(line.indexOf(':') + 1).trim());
        checked++;
      }
    }
    assert.ok(checked > 50, `only ${checked} corpus lines with $`);
  });
});
