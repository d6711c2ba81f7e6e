/**
 * The quadratic regexes recheck found (redos.test.ts) were rewritten; each rewrite must behave exactly as the pattern it
 * replaced. Here the old pattern (kept only in this test) and the new code run side by side on: random strings built
 * from the tokens that matter to the pattern (fast-check, fixed seed), crafted strings shaped like recheck's attack
 * strings, and every distinct line (or whole file, where the code reads more than one line) of ../shared/corpus. Any
 * difference fails with the input.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { oneLine } from '../../server/cli/format';
import { NUMERIC } from '../../server/core/compose/model';
import { firstLine } from '../../server/core/config/yaml-source';
import { packageBaseName } from '../../server/core/dockerfile/base-image';
import { trailingAssignmentsLength } from '../../server/core/dockerfile/hygiene-helpers';
import { directReference } from '../../server/core/dockerfile/packages';
import { noNewPrivileges } from '../../server/core/rules/compose/compose-no-new-privileges';
import { CONFIG as APT_RECOMMENDS } from '../../server/core/rules/dockerfile/apt-no-install-recommends';
import { PIP_CONFIG, isYarnCachePath } from '../../server/core/rules/dockerfile/package-cache-not-cleaned';
import { APT_CONFIG as APT_YES } from '../../server/core/rules/dockerfile/package-manager-yes';
import { HEREDOC_LINE } from '../../server/core/rules/dockerfile/run-cd';
import { parseDirective } from '../../server/core/rules/dockerfile/syntax-error';
import { assignments } from '../../server/core/secrets';
import { BULWARK, CHECK, HADOLINT, SKIP } from '../../server/core/suppressions';
import { cutAtFirst, endsWithPart, withoutSpans } from '../../server/core/text';
import { analyze, initializeCore } from '../../server/core/engine';
import { corpusFiles } from '../bench/corpus';

const SEED = 20261122;
const RUNS = 2000;

const files = [...corpusFiles('dockerfile'), ...corpusFiles('compose')].map((f) => f.text);
const lines = [...new Set(files.flatMap((t) => t.split(/\r\n|\n|\r/)))];

/** Strings of up to `max` tokens drawn from `tokens`. */
const tokens = (list: string[], max = 30) => fc.array(fc.constantFrom(...list), { maxLength: max }).map((a) => a.join(''));

/** `fresh` and `old` agree on every input: random token strings, the crafted ones, and the corpus inputs. */
function agree<T>(fresh: (s: string) => T, old: (s: string) => T, tokenList: string[], crafted: string[], corpus: readonly string[]): void {
  fc.assert(
    fc.property(tokens(tokenList), (s) => {
      assert.deepEqual(fresh(s), old(s), `differs on ${JSON.stringify(s)}`);
    }),
    { numRuns: RUNS, seed: SEED },
  );
  for (const s of [...crafted, ...corpus]) assert.deepEqual(fresh(s), old(s), `differs on ${JSON.stringify(s.slice(0, 300))}`);
}

const groups = (m: RegExpExecArray | null) => (m ? [...m].map((g) => g ?? '') : null);

describe('rewritten regexes behave as the quadratic patterns they replaced', () => {
  it('CLI one-line messages (whitespace runs holding a line break)', () => {
    agree(oneLine, (m) => m.replace(/\s*[\r\n]+\s*/g, ' '), [' ', '\t', '\n', '\r', '\u2028', '\u00a0', 'a', '.'], ['a' + ' \t'.repeat(500) + '\n' + ' '.repeat(500) + 'b', '\t'.repeat(1000) + '\u0000\n'], files.map((t) => t.slice(0, 3000)));
  });

  it('`.git` / yarn cache path endings (endsWithPart)', () => {
    const git = (s: string) => /\.git(#.*)?$/.test(s);
    agree((s) => endsWithPart(s, '.git', '#'), git, ['.git', '.gi', 't', '#', '\n', '\r', '\u2028', 'x', '/'], ['.git#'.repeat(500) + '\n', 'a.git#b\nc.git', 'x.git#\r'], lines);
    const yarn = (s: string) => /(\.cache\/yarn|\.yarn-cache|\/yarn\/cache)(\/.*)?$/.test(s);
    agree(isYarnCachePath, yarn, ['.cache/yarn', '.yarn-cache', '/yarn/cache', '/', 'yarn', '.cache', '\n', '\u2029', 'x'], ['/yarn/cache/'.repeat(300) + '\n'], lines);
  });

  it('numeric strings of compose values', () => {
    const old = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
    agree((s) => NUMERIC.test(s), (s) => old.test(s), ['1', '0', '.', 'e', 'E', '+', '-', ' ', '\t', '\n', 'x'], ['1'.repeat(2000) + 'x', ' 1.5e3 ', '.5', '5.', '+.e1'], lines);
  });

  it('`${…}` and `[…]` spans removed (withoutSpans)', () => {
    agree((s) => withoutSpans(s, '${', '}', true), (s) => s.replace(/\$\{[^}]*\}/g, ''), ['${', '$', '{', '}', 'a', '/', '\\'], ['${'.repeat(1000), '${a${b}c}/${d'], lines);
    agree((s) => withoutSpans(s, '[', ']', false), (s) => s.replace(/\[[^\]]*\]/, ''), ['[', ']', 'a', ',', '=', '.'], ['['.repeat(1000), 'pkg[a,b][c]==1'], lines);
  });

  it('YAML error messages without their position', () => {
    const old = (m: string) => m.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '');
    agree(firstLine, old, [' ', '\t', '\r', 'at line ', '1', '12', ', column ', ':', 'x', '\n'], ['x' + ' '.repeat(2000) + 'y', 'Bad  at line 3, column 4:\n\nmore', 'a at line 1, column 2 at line 3, column 4'], lines);
  });

  it('rpm package base names (packageBaseName)', () => {
    const old = (w: string) =>
      cutAtFirst(w, '=~<>:')
        .toLowerCase()
        .replace(/\.(x86_64|aarch64|noarch|i686|ppc64le|s390x)$/, '')
        .replace(/-\d+(\.\d+)+[\w.+~]*(-[\w.+~]+)?$/, '');
    const words = [...new Set(lines.flatMap((l) => l.split(/\s+/)))];
    agree((w) => packageBaseName('dnf', w), old, ['-', '1', '22', '.', 'a', '+', '~', '_', '/', 'el8', '.x86_64'], ['-1.1'.repeat(500) + '!', 'curl-7.61.1-14.el8.x86_64', 'java-17-openjdk', 'a-1.2-3-4'], words);
  });

  it('`NAME=value ` prefixes of a command (trailingAssignmentsLength)', () => {
    const old = (gap: string) => /((?:[A-Za-z_][A-Za-z0-9_]*=(?:"[^"`$\\]*"|'[^']*'|[^\s;&|"'`$()<>\\]*)[ \t]+)*)$/.exec(gap)![1].length;
    agree(trailingAssignmentsLength, old, ['A', 'b', '_', '1', '=', '"', "'", ' ', '\t', '`', '$', ';', '\\', '\n', '(', 'x=1 ', '&& '], ['\tA=""'.repeat(2000) + "'\t", 'A=A=A=A=A '.repeat(300) + "'", 'a && FOO=1 BAR="x y" '], lines);
  });

  it('pip direct references `name @ url` (directReference)', () => {
    const old = (s: string) => /^[A-Za-z0-9._\-[\], ]+?\s*@\s*(\S+)$/.exec(s)?.[1];
    agree(directReference, old, ['a', ' ', '\t', '@', '[', ']', ',', '.', '-', '/', 'git+https://x', '\n', '\u2028'], [' '.repeat(2000) + 'x', 'pkg[extra] @ https://x/y.whl', ' @ u', ' \t@u', '\t@u'], lines);
  });

  it('security_opt no-new-privileges values', () => {
    const old = (text: string) => {
      const m = /^\s*no-new-privileges\s*(?:[:=]\s*(\S*))?\s*$/i.exec(text);
      if (!m) return undefined;
      if (m[1] === undefined || m[1].toLowerCase() === 'true') return true;
      if (m[1].toLowerCase() === 'false') return false;
      return undefined;
    };
    agree(noNewPrivileges, old, ['no-new-privileges', 'NO-NEW-PRIVILEGES', ':', '=', ' ', '\t', '\n', 'true', 'false', 'TRUE', 'x'], ['no-new-privileges' + ' '.repeat(2000) + 'x', 'no-new-privileges:', 'no-new-privileges: tr ue'], lines);
  });

  it('apt and pip configuration patterns', () => {
    const quotes = ['"', "'", ' ', '\t', '\n', ';', 'x'];
    const recommends = /APT::Install-Recommends\s*["']?\s*["']?(?:false|0|no|off)\b["']?\s*;/i;
    agree((s) => APT_RECOMMENDS.test(s), (s) => recommends.test(s), ['APT::Install-Recommends', 'false', '0', 'no', 'off', 'offx', ...quotes], ['APT::Install-Recommends' + ' '.repeat(2000), 'APT::Install-Recommends "\' false";'], files);
    const yes = /APT::Get::Assume-Yes\s*["']?\s*["']?(?:true|1|yes|on)\b["']?\s*;/i;
    agree((s) => APT_YES.test(s), (s) => yes.test(s), ['APT::Get::Assume-Yes', 'true', '1', 'yes', 'on', 'onx', ...quotes], ['APT::Get::Assume-Yes' + '\t'.repeat(2000)], files);
    const pip = /(?:global\.)?no[-_]cache[-_]dir\s*[=\s]\s*["']?(?:true|1|yes|on|false|0|off)\b/i;
    agree((s) => PIP_CONFIG.test(s), (s) => pip.test(s), ['no-cache-dir', 'no_cache_dir', 'global.', '=', 'true', 'off', 'offx', ...quotes], ['no-cache-dir' + ' '.repeat(2000) + 'x', 'no-cache-dir==1', 'no_cache_dir = "off"'], files);
  });

  it('heredoc delimiter lines of run-cd', () => {
    const old = /^\s*<<-?\s*(["']?)[A-Za-z_][\w.-]*\1[^\n]*\n/;
    const both = (re: RegExp) => (s: string) => [re.test(s), s.replace(re, '\n')];
    agree(both(HEREDOC_LINE), both(old), ['<<', '-', ' ', '\n', '"', "'", 'EOF', '.', 'a', '_', '1', 'x y'], ['<<A' + '.-'.repeat(2000), '<<"EOF"x\nbody\nEOF\n', "<<-'E.1' > f\n", '<<"EOF\nx\n'], files);
  });

  it('parser directives (parseDirective)', () => {
    const old = (s: string) => {
      const m = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$/.exec(s);
      return m ? { name: m[1], value: m[2] } : undefined;
    };
    agree(parseDirective, old, ['#', ' ', '\t', 'escape', 'syntax', '=', '\\', '`', 'x', 'y z', '\r', '\u2028'], ['# escape=' + ' '.repeat(2000) + '\r', '# escape=   ', '#syntax = docker/dockerfile:1 \t'], lines);
  });

  it('generic secret assignments (assignments)', () => {
    const old = (text: string) => {
      const re = /(?<![A-Za-z0-9_./]-?)([A-Za-z_][A-Za-z0-9_.-]{0,80})["']?[ \t]{0,20}(?:=|:(?!\/\/))[ \t]{0,20}["']?([^\s"'`$;&|<>(){}[\],\\]{8,})/g;
      const out = [];
      for (let m = re.exec(text); m; m = re.exec(text)) out.push({ index: m.index, whole: m[0], name: m[1], value: m[2] });
      return out;
    };
    agree(assignments, old, ['password', 'A', '-', '--', '.', '/', '=', ':', '//', ' ', '"', "'", 'abcdefgh', '12345678', '$', '\n', 'x'], ['A-'.repeat(2000) + 'A'.repeat(30), 'a--b' + 'c'.repeat(100) + '=secretvalue1', 'p=abcdefghij" = zzzzzzzz_token=Abcdef123456'], files);
  });

  it('suppression comments', () => {
    const cases: [RegExp, RegExp, string[]][] = [
      [BULWARK, /^#\s*bulwark-ignore(-file)?(?:\s+|$)(.*)$/i, ['bulwark-ignore', 'BULWARK-IGNORE', '-file', 'x']],
      [HADOLINT, /^#\s*hadolint\s+(?:(global|stage)\s+)?ignore\s*=\s*(.*)$/i, ['hadolint', 'global', 'stage', 'ignore', '=', 'DL3008']],
      [CHECK, /^#\s*check\s*=\s*(.*)$/i, ['check', '=', 'skip', ';', 'error=true']],
    ];
    const blanks = ['#', ' ', '\t', '\n', '\r', '\u2028', ','];
    for (const [fresh, old, words] of cases) {
      agree((s) => groups(fresh.exec(s)), (s) => groups(old.exec(s)), [...words, ...blanks], ['#' + words[0] + '\n' + '\t'.repeat(2000) + 'W\n'], lines.map((l) => l.trim()));
    }
    agree((s) => groups(SKIP.exec(s)), (s) => groups(/^\s*skip\s*=\s*(.*)$/i.exec(s)), ['skip', 'SKIP', '=', 'all', 'x', ...blanks], ['skip=' + ' '.repeat(2000) + '\n'], lines);
  });


  it('suppression comments with nothing after the keyword (the groups the code reads are undefined now) analyse cleanly', async () => {
    await initializeCore();
    for (const comment of ['# bulwark-ignore', '# bulwark-ignore-file', '# BULWARK-IGNORE   ', '# hadolint ignore=', '# check=', '# check=skip=']) {
      const dockerfile = analyze(`${comment}\nFROM alpine:3.20\nRUN sudo ls\n`, { kind: 'dockerfile', allRules: true });
      const compose = analyze(`${comment}\nservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n`, { kind: 'compose', allRules: true });
      assert.deepEqual([...dockerfile.ruleErrors, ...compose.ruleErrors], [], comment);
      assert.ok(dockerfile.findings.length > 0 && compose.findings.length > 0, comment);
    }
  });
});
