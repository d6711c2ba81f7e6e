import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, nearest } from '../../server/core/dockerfile/edit-distance';

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    assert.equal(editDistance('builder', 'builder'), 0);
    assert.equal(editDistance('buider', 'builder'), 1);
    assert.equal(editDistance('bulider', 'builder'), 1);
    assert.equal(editDistance('PAHT', 'PATH'), 1);
    assert.equal(editDistance('build', 'builder'), 2);
    assert.equal(editDistance('', 'abc'), 3);
  });
  it('stops early past the limit', () => {
    assert.equal(editDistance('alpine', 'golang-builder', 2), 3);
  });
  it('lists the near candidates, nearest first, never the word itself', () => {
    assert.deepEqual(nearest('APP_VERSON', ['APP_VERSIONS', 'APP_VERSION', 'OTHER', 'APP_VERSON'], 2), ['APP_VERSION', 'APP_VERSIONS']);
    assert.deepEqual(nearest('path', ['PATH'], 0), []);
    assert.deepEqual(nearest('path', ['PATH'], 0, true), ['PATH']);
  });
});
