/**
 * The Node/V8 flags the VS Code client starts the language server with. The LSP protocol tests and the LSP benchmark
 * (test/protocol/lsp-client.ts) start dist/server.js with the same flags, so what they measure is what editors run.
 * Measurements and reasons: docs/memory.md.
 *
 * - `--liftoff-only`: tree-sitter's WebAssembly stays on V8's baseline compiler. Tiering its hot functions up to
 *   TurboFan takes ~50 MB of compiler memory, which the allocator keeps resident afterwards (~30 MB of RSS); the shell
 *   parser is ~1.5% of a keystroke (scripts are cached per edited document), so the slower code costs nothing visible.
 * - `--max-semi-space-size=8`: the young generation grows to 2 × 8 MB instead of 2 × 16 MB (the 16 MB saved stay
 *   resident once grown); keystroke analysis CPU measured the same within noise.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--liftoff-only', '--max-semi-space-size=8'];
