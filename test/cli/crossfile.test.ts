/**
 * Cross-file Compose checks from the CLI: a service with `build:` is judged with its Dockerfile, which the CLI lets the
 * core read (reading only). compose-root-user fires while the built stage runs as root and stops once it has a USER;
 * compose-no-healthcheck is satisfied by the stage's HEALTHCHECK.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCliJson } from '../helpers/cli';

function rulesFor(dir: string): string[] {
  const r = runCliJson(['--exit-zero', path.join(dir, 'compose.yaml')], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  return r.report.files[0].findings.map((f) => f.rule);
}

describe('cross-file compose checks in the CLI', () => {
  it('judges a built service with its Dockerfile stage', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bulwark-xfile-'));
    try {
      fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  app:\n    build:\n      context: ./api\n      target: runtime\n');
      fs.mkdirSync(path.join(dir, 'api'));
      const dockerfile = path.join(dir, 'api', 'Dockerfile');
      fs.writeFileSync(dockerfile, 'FROM alpine:3.20 AS build\nUSER 10001\nFROM alpine:3.20 AS runtime\nCMD ["true"]\n');
      let rules = rulesFor(dir);
      assert.ok(rules.includes('compose-root-user'), 'the runtime stage runs as root');
      assert.ok(rules.includes('compose-no-healthcheck'));
      fs.writeFileSync(
        dockerfile,
        'FROM alpine:3.20 AS build\nFROM alpine:3.20 AS runtime\nUSER 10001\nHEALTHCHECK CMD ["true"]\nCMD ["true"]\n',
      );
      rules = rulesFor(dir);
      assert.ok(!rules.includes('compose-root-user'), 'the target stage now has a USER');
      assert.ok(!rules.includes('compose-no-healthcheck'), 'the target stage now has a HEALTHCHECK');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
