// npm test's test step: node's test runner on the compiled tests, as `node --test out/test/` would run them (every
// .js/.cjs/.mjs file below out/test/), except out/test/e2e/: that suite runs inside VS Code (npm run test:e2e) and
// cannot load under plain Node. Node 20's runner takes no globs or exclusions, so the files are listed here.
// Usage: node scripts/node-tests.mjs [node options…]   (options go before --test, e.g. --liftoff-only)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const TESTS = path.join(ROOT, 'out', 'test');
const EXCLUDED = [path.join(TESTS, 'e2e')];

function collect(dir, files) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!EXCLUDED.includes(p) && entry.name !== 'node_modules') collect(p, files);
    } else if (/\.(c|m)?js$/.test(entry.name)) {
      files.push(p);
    }
  }
  return files;
}

if (!fs.existsSync(TESTS)) {
  console.error('node-tests: out/test/ is missing: run `npm run compile-tests` first');
  process.exit(2);
}
const files = collect(TESTS, []).sort();
const r = spawnSync(process.execPath, [...process.argv.slice(2), '--test', '--test-reporter=spec', ...files.map((f) => path.relative(ROOT, f))], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
