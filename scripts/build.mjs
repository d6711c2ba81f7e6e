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

await Promise.all([
  build({ ...common, entryPoints: ['client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/cli/main.ts'], outfile: 'dist/cli.js' }),
]);
