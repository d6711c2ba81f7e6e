/**
 * No regex with catastrophic backtracking: every regex literal and `new RegExp(…)` of server/ (the analysis, the
 * faces and the registry client; test/robustness/regex-scan.ts finds them with the TypeScript parser) is checked by
 * the `recheck` ReDoS checker. A regex it finds exponential or polynomial fails the test with its file, line and
 * attack string, unless it is in PENDING below — the ones not rewritten yet, each named by its source (an entry no
 * longer in the code fails the test, so the list does not outlive the code).
 *
 * recheck runs its native checker once per distinct pattern (a few hundred); its timeout is 10 s per pattern, and a
 * pattern it cannot decide in that time is listed (`unknown`), not failed.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { checkSync } from 'recheck';
import { scanRegexes } from './regex-scan';
import { projectRoot } from '../helpers/shared';

/**
 * Patterns recheck finds polynomial (none exponential) that are not rewritten yet: pattern → file. Most run on one
 * line, a word or a comment, so the worst case is quadratic in a line's length (the analysis limits a file to
 * 500,000 characters). Rewrite them (text.ts's trimEndOf / cutAtFirst, disjoint character classes, bounded
 * repetition) and remove them here.
 */
const PENDING = new Map<string, string>([
  ["/\\s*[\\r\\n]+\\s*/g", "server/cli/format.ts"],
  ["/\\.git(#.*)?$/", "server/core/compose/build-link.ts"],
  ["/^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*$/", "server/core/compose/model.ts"],
  ["/\\$\\{[^}]*\\}/g", "server/core/compose/model.ts"],
  ["/\\s+at line \\d+, column \\d+:?$/", "server/core/config/yaml-source.ts"],
  ["/-\\d+(\\.\\d+)+[\\w.+~]*(-[\\w.+~]+)?$/", "server/core/dockerfile/base-image.ts"],
  ["/((?:[A-Za-z_][A-Za-z0-9_]*=(?:\"[^\"`$\\\\]*\"|'[^']*'|[^\\s;&|\"'`$()<>\\\\]*)[ \\t]+)*)$/", "server/core/dockerfile/hygiene-helpers.ts"],
  ["/^[A-Za-z0-9._\\-[\\], ]+?\\s*@\\s*(\\S+)$/", "server/core/dockerfile/packages.ts"],
  ["/\\[[^\\]]*\\]/", "server/core/dockerfile/packages.ts"],
  ["/^\\s*no-new-privileges\\s*(?:[:=]\\s*(\\S*))?\\s*$/i", "server/core/rules/compose/compose-no-new-privileges.ts"],
  ["/APT::Install-Recommends\\s*[\"']?\\s*[\"']?(?:false|0|no|off)\\b[\"']?\\s*;/i", "server/core/rules/dockerfile/apt-no-install-recommends.ts"],
  ["/(?:global\\.)?no[-_]cache[-_]dir\\s*[=\\s]\\s*[\"']?(?:true|1|yes|on|false|0|off)\\b/i", "server/core/rules/dockerfile/package-cache-not-cleaned.ts"],
  ["/(\\.cache\\/yarn|\\.yarn-cache|\\/yarn\\/cache)(\\/.*)?$/", "server/core/rules/dockerfile/package-cache-not-cleaned.ts"],
  ["/APT::Get::Assume-Yes\\s*[\"']?\\s*[\"']?(?:true|1|yes|on)\\b[\"']?\\s*;/i", "server/core/rules/dockerfile/package-manager-yes.ts"],
  ["/^\\s*<<-?\\s*([\"']?)[A-Za-z_][\\w.-]*\\1[^\\n]*\\n/", "server/core/rules/dockerfile/run-cd.ts"],
  ["/^#[ \\t]*([a-zA-Z][a-zA-Z0-9]*)[ \\t]*=[ \\t]*(.+?)[ \\t]*$/", "server/core/rules/dockerfile/syntax-error.ts"],
  ["/(?<![A-Za-z0-9_./]-?)([A-Za-z_][A-Za-z0-9_.-]{0,80})[\"']?[ \\t]{0,20}(?:=|:(?!\\/\\/))[ \\t]{0,20}[\"']?([^\\s\"'`$;&|<>(){}[\\],\\\\]{8,})/g", "server/core/secrets.ts"],
  ["/^#\\s*bulwark-ignore(-file)?(?:\\s+|$)(.*)$/i", "server/core/suppressions.ts"],
  ["/^#\\s*hadolint\\s+(?:(global|stage)\\s+)?ignore\\s*=\\s*(.*)$/i", "server/core/suppressions.ts"],
  ["/^#\\s*check\\s*=\\s*(.*)$/i", "server/core/suppressions.ts"],
  ["/^\\s*skip\\s*=\\s*(.*)$/i", "server/core/suppressions.ts"],
]);

describe('ReDoS: every regex of the analysis', () => {
  it('is found by the scanner (literals and new RegExp)', () => {
    const { regexes } = scanRegexes(path.join(projectRoot, 'server'), projectRoot);
    assert.ok(regexes.length > 300, `only ${regexes.length} regexes found`);
    assert.ok(regexes.some((r) => r.dynamic), 'dynamic RegExp sources are scanned too');
  });

  it('has no exponential or polynomial backtracking (recheck)', () => {
    const { regexes, opaque } = scanRegexes(path.join(projectRoot, 'server'), projectRoot);
    const byPattern = new Map<string, typeof regexes>();
    for (const r of regexes) {
      const key = `/${r.source}/${r.flags}`;
      byPattern.set(key, [...(byPattern.get(key) ?? []), r]);
    }
    const vulnerable: string[] = [];
    const unknown: string[] = [];
    const stillPending = new Set<string>();
    for (const [key, where] of byPattern) {
      const { source, flags } = where[0];
      // A fixed seed: recheck's fuzzing checker is randomized, and a test must give the same answer every run.
      const result = checkSync(source, flags.replace(/[^dgimsuy]/g, ''), { timeout: 10_000, randomSeed: 20261122 });
      const at = where.map((r) => `${r.file}:${r.line}`).join(', ');
      if (result.status === 'vulnerable') {
        if (PENDING.has(key)) {
          stillPending.add(key);
          continue;
        }
        vulnerable.push(`${at}: ${key} is ${result.complexity.type} (attack: ${result.attack.pattern.slice(0, 80)})`);
      } else if (result.status === 'unknown') unknown.push(`${at}: ${key} (${result.error.kind})`);
    }
    if (unknown.length) console.log(`# recheck could not decide ${unknown.length} patterns:\n# ${unknown.join('\n# ')}`);
    if (opaque.length) console.log(`# not checked (pattern built at run time):\n# ${opaque.map((o) => `${o.file}:${o.line} ${o.text}`).join('\n# ')}`);
    console.log(`# ${byPattern.size} distinct patterns checked; ${stillPending.size} pending rewrites`);
    assert.deepEqual(vulnerable, []);
    const gone = [...PENDING.keys()].filter((k) => !byPattern.has(k));
    assert.deepEqual(gone, [], 'PENDING entries no longer in the code: remove them');
    const fixed = [...PENDING.keys()].filter((k) => byPattern.has(k) && !stillPending.has(k));
    if (fixed.length) console.log(`# PENDING entries recheck now finds safe (remove them): ${fixed.join(' ')}`);
  });
});
