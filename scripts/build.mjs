// Bundles the three faces with esbuild: dist/extension.js (VS Code client), dist/server.js (LSP server,
// runnable standalone with --stdio), dist/cli.js (the `bulwark` command).
import { build } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  legalComments: 'linked',
  logLevel: 'warning',
  // web-tree-sitter's ESM build needs import.meta.url, which a CommonJS bundle lacks: use its CommonJS build.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
};

// The shell grammar is WebAssembly: ship both .wasm files beside the bundles (the core looks there first).
fs.mkdirSync('dist', { recursive: true });
for (const [pkg, file] of [
  ['web-tree-sitter', 'tree-sitter.wasm'],
  ['tree-sitter-bash', 'tree-sitter-bash.wasm'],
]) {
  fs.copyFileSync(require.resolve(`${pkg}/${file}`), `dist/${file}`);
}

// The Compose schema validator, generated ahead of time with ajv's standalone code (same options as the core:
// server/core/compose/ajv-options.json) and bundled beside the bundles, which load it instead of compiling the schema
// at start-up (server/core/compose/schema.ts).
const { default: Ajv2020 } = require('ajv/dist/2020');
const { default: standaloneCode } = require('ajv/dist/standalone');
const ajvOptions = JSON.parse(fs.readFileSync('server/core/compose/ajv-options.json', 'utf8'));
const composeSchema = JSON.parse(fs.readFileSync('server/core/compose/compose-spec.schema.json', 'utf8'));
const ajv = new Ajv2020({ ...ajvOptions, code: { ...ajvOptions.code, source: true } });
const validatorSource = standaloneCode(ajv, ajv.compile(composeSchema));

await Promise.all([
  build({
    ...common,
    stdin: { contents: validatorSource, resolveDir: process.cwd(), sourcefile: 'compose-validator.js', loader: 'js' },
    outfile: 'dist/compose-validator.js',
    sourcemap: false,
  }),
  build({ ...common, entryPoints: ['client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/cli/main.ts'], outfile: 'dist/cli.js' }),
]);

// V8 keeps each script's source for lazy compilation, and one character above U+00FF makes the whole bundle a
// two-byte string: the 2.5 MB dist/server.js then holds 5 MB of the server's heap (docs/memory.md). esbuild escapes
// non-ASCII characters in strings but not in regular-expression literals or kept comments: escape what is left. A
// `\uXXXX` escape means the same character wherever one can stand (comments, strings, a template's cooked text,
// regular expressions, identifiers); the bundles use no String.raw, whose raw text would change.
for (const file of ['dist/server.js', 'dist/cli.js', 'dist/extension.js', 'dist/compose-validator.js']) {
  const text = fs.readFileSync(file, 'utf8');
  // After a backslash (an identity escape such as `\…` in a regular expression) the escape would read differently.
  if (/\\[^\x00-\x7f]/.test(text)) throw new Error(`${file}: a non-ASCII character after a backslash; escape it in the source`);
  // eslint-disable-next-line no-control-regex
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (ascii !== text) fs.writeFileSync(file, ascii);
}

