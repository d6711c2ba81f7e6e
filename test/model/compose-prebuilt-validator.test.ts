/**
 * The Compose schema validator the build generates ahead of time (dist/compose-validator.js, ajv's standalone code,
 * which the bundles load instead of compiling the schema at start-up) answers exactly as the validator ajv compiles at
 * run time with the same options: same verdict and same errors, for every document of the corpus and for random
 * services built from Compose keys and arbitrary JSON values.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { compileValidator, PREBUILT_VALIDATOR } from '../../server/core/compose/schema';
import { projectRoot, sharedDir } from '../helpers/shared';

const DIST = process.env.BULWARK_DIST ? path.resolve(process.env.BULWARK_DIST) : path.join(projectRoot, 'dist');

let prebuilt: ValidateFunction;
let compiled: ValidateFunction;

before(() => {
  const file = path.join(DIST, PREBUILT_VALIDATOR);
  assert.ok(fs.existsSync(file), `${file} is missing: run npm run build`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(file) as ValidateFunction & { default?: ValidateFunction };
  prebuilt = loaded.default ?? loaded;
  compiled = compileValidator();
});

function same(instance: unknown, label: string): boolean {
  const a = prebuilt(instance);
  const b = compiled(instance);
  assert.equal(a, b, `${label}: verdicts differ`);
  assert.deepEqual(prebuilt.errors ?? null, compiled.errors ?? null, `${label}: errors differ`);
  return a;
}

describe('prebuilt Compose validator', () => {
  it('gives the run-time compiled validator’s verdict and errors on every corpus document', () => {
    const dir = path.join(sharedDir(), 'corpus', 'compose');
    let invalid = 0;
    let docs = 0;
    for (const name of fs.readdirSync(dir).sort()) {
      for (const doc of parseAllDocuments(fs.readFileSync(path.join(dir, name), 'utf8'))) {
        if (!('toJS' in doc)) continue;
        const value: unknown = doc.toJS({ maxAliasCount: 100 });
        if (value === null || value === undefined) continue;
        docs++;
        if (!same(value, name)) invalid++;
      }
    }
    assert.ok(docs > 300, `expected the corpus documents, found ${docs}`);
    // The corpus holds projects' deliberately invalid fixtures: the errors path is exercised too.
    assert.ok(invalid > 5, `expected some invalid documents, found ${invalid}`);
  });

  it('gives the same verdict and errors on random services', () => {
    const keys = fc.constantFrom('image', 'build', 'ports', 'environment', 'volumes', 'user', 'deploy', 'healthcheck', 'cap_drop', 'privileged', 'read_only', 'networks', 'command', 'depends_on', 'x-extra', 'imgae');
    const service = fc.dictionary(keys, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
    const top = fc.record(
      { services: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), service, { maxKeys: 3 }), version: fc.jsonValue({ maxDepth: 1 }), volumes: fc.jsonValue({ maxDepth: 2 }) },
      { requiredKeys: ['services'] },
    );
    fc.assert(fc.property(top, (doc) => void same(doc, JSON.stringify(doc))), { numRuns: 300 });
  });
});
