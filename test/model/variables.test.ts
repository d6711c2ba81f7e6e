import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findVariableUses, substitute, unquote } from '../../server/core/dockerfile/variables';

const scope = new Map<string, string | undefined>([
  ['A', 'alpha'],
  ['EMPTY', ''],
  ['UNKNOWN', undefined],
]);

describe('substitute', () => {
  const table: [string, string | undefined][] = [
    ['plain', 'plain'],
    ['$A', 'alpha'],
    ['${A}:1', 'alpha:1'],
    ['x${A}y$A', 'xalphayalpha'],
    ['${MISSING:-def}', 'def'],
    ['${MISSING-def}', 'def'],
    ['${EMPTY:-def}', 'def'],
    ['${EMPTY-def}', ''],
    ['${A:-def}', 'alpha'],
    ['${A:+alt}', 'alt'],
    ['${MISSING:+alt}', ''],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${MISSING:-${A}}', 'alpha'],
    ['$MISSING', undefined],
    ['${UNKNOWN}', undefined],
    ['${UNKNOWN:-def}', undefined],
    ['\\$A', '$A'],
    ['${A', undefined],
    ['cost: 5$', 'cost: 5$'],
  ];
  for (const [input, expected] of table) {
    it(`${input} -> ${expected}`, () => assert.equal(substitute(input, scope), expected));
  }
  it('honours the backtick escape character', () => {
    assert.equal(substitute('`$A', scope, '`'), '$A');
    assert.equal(substitute('\\$A', scope, '`'), '\\alpha');
  });
});

describe('findVariableUses', () => {
  it('finds $X and ${X…} but not escaped or single-quoted ones', () => {
    const uses = findVariableUses("$A ${B:-x} \\$C '$D' ${E}");
    assert.deepEqual(
      uses.map((u) => u.name),
      ['A', 'B', 'E'],
    );
    assert.deepEqual([uses[0].start, uses[0].end], [0, 2]);
  });
});

describe('unquote', () => {
  it('removes one level of matching quotes', () => {
    assert.equal(unquote('"a b"'), 'a b');
    assert.equal(unquote("'x'"), 'x');
    assert.equal(unquote('"x\''), '"x\'');
    assert.equal(unquote('x'), 'x');
  });
});
