/** The model's argument start skips the comment lines the builder drops inside a continuation. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DockerfileModel } from '../../server/core/dockerfile/model';

describe('arguments after a continuation with comment lines', () => {
  it('argsStart and argumentText skip the comment lines', () => {
    const m = new DockerfileModel('FROM alpine\nWORKDIR \\\n# where\n  # and why\n  app\n');
    const w = m.instructions[1];
    assert.equal(m.argumentText(w), 'app');
    assert.deepEqual(m.rangeOf(w.argsStart, w.argsStart).start, { line: 4, character: 2 });
  });
  it('flags after comment lines are read, with the escape directive', () => {
    const m = new DockerfileModel('# escape=`\nFROM alpine\nCOPY `\n# owner\n  --chown=app:app a /b\n');
    const c = m.instructions[1];
    assert.deepEqual(c.flags.map((f) => f.name), ['chown']);
    assert.equal(m.argumentText(c), 'a /b');
  });
  it('a comment-only continuation leaves no arguments', () => {
    const m = new DockerfileModel('FROM alpine\nCMD \\\n# nothing\n');
    assert.equal(m.argumentText(m.instructions[1]), undefined);
  });
});
