import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, deleteLines, removeWord, insertLinesAfter, insertLinesAtEnd, insertLinesBefore, OverlappingEditsError } from '../../server/core/fixes/edits';
import { LineIndex, range } from '../../server/core/text';

describe('applyEdits', () => {
  it('applies edits in any order', () => {
    const text = 'abc\ndef\n';
    const out = applyEdits(text, [
      { range: range(1, 0, 1, 1), newText: 'D' },
      { range: range(0, 0, 0, 1), newText: 'A' },
    ]);
    assert.equal(out, 'Abc\nDef\n');
  });
  it('keeps several insertions at one point in order', () => {
    const out = applyEdits('x', [
      { range: range(0, 0, 0, 0), newText: '1' },
      { range: range(0, 0, 0, 0), newText: '2' },
    ]);
    assert.equal(out, '12x');
  });
  it('refuses overlapping edits', () => {
    assert.throws(
      () =>
        applyEdits('abcdef', [
          { range: range(0, 0, 0, 4), newText: '' },
          { range: range(0, 2, 0, 5), newText: '' },
        ]),
      OverlappingEditsError,
    );
  });
});

describe('line insertion keeps line endings and indentation', () => {
  it('inserts before a line with its indentation and CRLF', () => {
    const text = 'FROM a\r\n  CMD x\r\n';
    const idx = new LineIndex(text);
    assert.equal(applyEdits(text, [insertLinesBefore(idx, 1, ['USER app'])]), 'FROM a\r\n  USER app\r\n  CMD x\r\n');
  });
  it('appends at the end, adding the missing final line break', () => {
    const text = 'FROM a\nRUN x';
    assert.equal(applyEdits(text, [insertLinesAtEnd(new LineIndex(text), ['USER 1'])]), 'FROM a\nRUN x\nUSER 1\n');
  });
  it('inserts after the last line of a file ending in a line break', () => {
    const text = 'FROM a\n';
    assert.equal(applyEdits(text, [insertLinesAfter(new LineIndex(text), 0, ['USER 1'])]), 'FROM a\nUSER 1\n');
  });
  it('inserting before the empty last line appends', () => {
    const text = 'FROM a\n';
    assert.equal(applyEdits(text, [insertLinesBefore(new LineIndex(text), 1, ['USER 1'])]), 'FROM a\nUSER 1\n');
  });
  it('deletes whole lines, the last one without leaving a blank line', () => {
    const text = 'a\nb\nc';
    const idx = new LineIndex(text);
    assert.equal(applyEdits(text, [deleteLines(idx, 1, 1)]), 'a\nc');
    assert.equal(applyEdits(text, [deleteLines(idx, 2, 2)]), 'a\nb');
  });
});

describe('removeWord', () => {
  const run = (text: string, word: string, esc?: string) => {
    const idx = new LineIndex(text);
    const start = text.indexOf(word);
    return applyEdits(text, [removeWord(idx, start, start + word.length, esc)]);
  };
  it('takes the blanks after the word', () => assert.equal(run('RUN curl -k https://x', '-k'), 'RUN curl https://x'));
  it('takes the blanks before a word ending its line', () => assert.equal(run('RUN curl https://x -k\nRUN b', '-k'), 'RUN curl https://x\nRUN b'));
  it('keeps a continuation that goes on', () => assert.equal(run('RUN curl -k \\\n  https://x', '-k'), 'RUN curl \\\n  https://x'));
  it('drops a continued line holding only the word', () => {
    assert.equal(run('RUN curl \\\n    -k \\\n    https://x', '-k'), 'RUN curl \\\n    https://x');
    assert.equal(run('RUN curl \\\r\n    -k \\\r\n    https://x', '-k'), 'RUN curl \\\r\n    https://x');
  });
  it('takes the escaped line break before a word alone on the last line', () => {
    assert.equal(run('ENV A=1 \\\n    B=2\nRUN x', 'B=2'), 'ENV A=1\nRUN x');
    assert.equal(run('ENV A=1 \\\r\n    B=2\r\nRUN x', 'B=2'), 'ENV A=1\r\nRUN x');
    assert.equal(run('ENV A=1 `\n    B=2\nRUN x', 'B=2', '`'), 'ENV A=1\nRUN x');
  });
});
