/**
 * The Node/V8 flags the VS Code client starts the language server with. The LSP protocol tests and the LSP benchmark
 * (test/protocol/lsp-client.ts) start dist/server.js with the same flags, so what they measure is what editors run.
 * Measurements and reasons: docs/memory.md.
 *
 * - `--liftoff-only`: tree-sitter's WebAssembly stays on V8's baseline compiler. Tiering its hot functions up to
 *   TurboFan takes ~50 MB of compiler memory, which the allocator keeps resident afterwards (~30 MB of RSS); the shell
 *   parser is ~1.5% of a keystroke (scripts are cached per edited document), so the slower code costs nothing visible.
 * - `--max-semi-space-size=4`: the young generation grows to 2 × 4 MB instead of 2 × 16 MB (what it grew to stays
 *   resident). 8 MB was taken first; 4 MB saves 8 MB more, and the keystroke CPU per edit measured the same within
 *   noise in runs paired back to back (docs/memory.md, third round).
 * - `--heap-growing-percent=50`: after each full GC the old generation may grow to 1.5 × what survived before the
 *   next one (V8 otherwise allows up to 4 ×, and the keystrokes' garbage filled that: ~200 MB with the corpus open
 *   without the flag). 30 was taken first (~10–25% more CPU per keystroke in-process than the default, more full GCs);
 *   with the savings below, 50 (more garbage between full GCs, so fewer of them) meets the 120 MB target.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--liftoff-only', '--max-semi-space-size=4', '--heap-growing-percent=50'];

/**
 * Environment variables the client adds to the server's (merged over the extension host's).
 *
 * - `MALLOC_ARENA_MAX=1`: glibc gives each thread that allocates its own malloc arena, and V8's worker threads
 *   (concurrent compiling and marking) fill four of them with compiler and marking memory that, once freed, stays
 *   resident (~5 MB each): −16 MB of RSS with the corpus open. One arena is shared by all threads instead; the
 *   keystroke CPU measured the same within noise (docs/memory.md). Other C libraries (and allocators that replace
 *   malloc) ignore the variable.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '1' };
