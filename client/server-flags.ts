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
 * - `--heap-growing-percent=30`: after each full GC the old generation may grow to 1.3 × what survived before the
 *   next one (V8 otherwise allows up to 4 ×, and the keystrokes' garbage filled that): RSS with the corpus open
 *   −35 to −60 MB in a fresh server, −55 to −80 MB after typing. A trade-off: more full GCs, ~10–25% more CPU per
 *   keystroke in-process (mostly V8's concurrent-marking threads; the server's main thread within noise).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--liftoff-only', '--max-semi-space-size=8', '--heap-growing-percent=30'];
