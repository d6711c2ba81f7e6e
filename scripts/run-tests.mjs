// Runs the unit, protocol, CLI and corpus tests: every out/test/**/*.test.js file, with node's test runner.
// (Given a folder, node 20 runs every .js file under a `test` folder, helpers and the VS Code e2e suite included.)
// --liftoff-only: each test process otherwise waits ~4 s at exit for V8's background WebAssembly tier-up.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function collect(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'e2e') out.push(...collect(p));
    } else if (entry.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

const files = collect(path.join('out', 'test'));
if (files.length === 0) {
  console.error('No test files under out/test: run `npm run compile-tests` first.');
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--liftoff-only', '--test', '--test-reporter=spec', ...process.argv.slice(2), ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
