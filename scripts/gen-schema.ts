/**
 * Writes schemas/bulwark.schema.json (the JSON schema of .bulwark.yaml) from the rule registry.
 * Run after adding or renaming a rule: `npm run compile-tests && node out/scripts/gen-schema.js`.
 * `--check` exits 1 when the committed file differs (test/config/schema.test.ts checks the same).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configSchemaText } from '../server/core/config/schema';

const file = path.join(__dirname, '..', '..', 'schemas', 'bulwark.schema.json');
const text = configSchemaText();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current !== text) {
    console.error('schemas/bulwark.schema.json is out of date: run `node out/scripts/gen-schema.js`.');
    process.exit(1);
  }
} else {
  fs.writeFileSync(file, text);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
