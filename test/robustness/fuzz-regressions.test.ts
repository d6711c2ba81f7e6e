/**
 * Regression tests for the bugs fuzzing found (test/fuzz/): each input is a minimal form of a failing fuzz case.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { DockerfileParser } from 'dockerfile-ast';
import { analyze, initializeCore } from '../../server/core/engine';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import { MAX_SHELL_SCRIPT } from '../../server/core/dockerfile/shell';
import { ComposeModel, MAX_YAML_PROBLEMS } from '../../server/core/compose/model';
import { MAX_YAML_DEPTH, yamlNestingDepth } from '../../server/core/compose/nesting';
import { applyEdits } from '../../server/core/fixes/edits';
import { LineIndex } from '../../server/core/text';
import type { AnalyzeOptions, FileKind } from '../../server/core/types';
import { assertEveryFix, assertFixProperties, yamlComments } from '../helpers/fix-properties';

before(() => initializeCore());

const DF: AnalyzeOptions & { kind: FileKind } = { kind: 'dockerfile', path: '/w/Dockerfile', allRules: true, now: '2026-01-01' };
const COMPOSE: AnalyzeOptions & { kind: FileKind } = { kind: 'compose', path: '/w/compose.yaml', allRules: true };

function fixTitles(text: string, options: AnalyzeOptions & { kind: FileKind }, ruleId: string): string[] {
  return analyze(text, options)
    .findings.filter((f) => f.ruleId === ruleId)
    .flatMap((f) => (f.fixes ?? []).map((x) => x.title));
}

describe('fuzz regressions: Dockerfiles', () => {
  it('a file ending inside a continuation gets no fix that appends an instruction (it would be swallowed)', () => {
    for (const open of ['FROM debian:12\nRUN apt-get update \\\n', 'FROM debian:12\nRUN set -eux; \\\n# a comment inside the continuation', 'FROM debian:12\nRUN <<EOF\necho hi\n']) {
      assert.deepEqual(fixTitles(open, DF, 'no-healthcheck'), [], JSON.stringify(open));
      assert.deepEqual(fixTitles(open, DF, 'no-root-user'), [], JSON.stringify(open));
      assertEveryFix(open, DF);
    }
    // Closed, the same file gets them.
    const closed = 'FROM debian:12\nRUN apt-get update\n';
    assert.ok(fixTitles(closed, DF, 'no-healthcheck').length > 0);
    assert.ok(fixTitles(closed, DF, 'no-root-user').length > 0);
    assert.ok(assertEveryFix(closed, DF) > 0);
  });

  it('a last instruction that is a BOM followed by an escaped line break is open (100k fuzz run, seed 20261124)', () => {
    // Inside the file a U+FEFF starts an instruction of its own; the probe of the last instruction used to parse it at
    // the start of a text, where it is skipped, and called the file closed: HEALTHCHECK NONE was swallowed.
    for (const eol of ['\n', '\r\n']) {
      const open = `FROM alpine:3.20 AS a${eol}\uFEFF\\${eol}`;
      assert.equal(new DockerfileModel(open).openAtEnd, true, JSON.stringify(open));
      assert.deepEqual(fixTitles(open, DF, 'no-healthcheck'), [], JSON.stringify(open));
      assertEveryFix(open, DF);
    }
    // The same file with the instruction closed is not open.
    assert.equal(new DockerfileModel('FROM alpine:3.20 AS a\n\uFEFF\n').openAtEnd, false);
  });

  it('a quoted value with blanks is one value for the secret scan: the legacy ENV rewrite finds no new secret (100k fuzz run, seed 20261125)', () => {
    // `findSecrets` ended `"<random>FROM x:latest"` at its blank and reported the first word as an assigned secret,
    // which the legacy form `ENV KEY <random>FROM x:latest` (a whole value with a blank: no secret) never showed.
    const text = 'FROM alpine:3.20\nENV LICENSE_KEY lgNvGyhnUKpa5PFROM shurshun/openresty:latest\n';
    assert.deepEqual(fixTitles(text, DF, 'legacy-env-format'), ['Rewrite as ENV LICENSE_KEY=…']);
    assert.ok(assertEveryFix(text, DF) > 0);
    const rewritten = 'FROM alpine:3.20\nENV LICENSE_KEY="lgNvGyhnUKpa5PFROM shurshun/openresty:latest"\n';
    assert.deepEqual(analyze(rewritten, DF).findings.filter((f) => f.ruleId === 'hardcoded-secret'), []);
    // A one-word value is still found, quoted or not.
    for (const one of ['ENV LICENSE_KEY=lgNvGyhnUKpa5P', 'ENV LICENSE_KEY="lgNvGyhnUKpa5P"']) {
      assert.equal(analyze(`FROM alpine:3.20\n${one}\n`, DF).findings.filter((f) => f.ruleId === 'hardcoded-secret').length, 1, one);
    }
  });

  it('a fix that renames what a finding points at (ADD → COPY) leaves an untouched finding with the new name alone', () => {
    // The fix checker matched the renamed `COPY` finding to the later, untouched one and reported that one as new.
    const text = 'ADD ENV FROM alpine:latest AS a\nCOPY x\n';
    assert.ok(assertEveryFix(text, DF) > 0);
  });

  it('no cleanup is appended to a RUN whose script does not parse (an unfinished `for … in` list)', () => {
    const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && \\\n  for u in \\\n    "https://example.com/a" \\\n';
    assert.deepEqual(fixTitles(text, DF, 'apt-lists-not-cleaned'), []);
    const ok = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n';
    assert.deepEqual(fixTitles(ok, DF, 'apt-lists-not-cleaned'), ['Append `rm -rf /var/lib/apt/lists/*`']);
  });

  it('whether the file ends open is decided by parsing its last instruction again, not the whole file', () => {
    // A 39 KB mutated Dockerfile took 118 ms: the probe parsed the whole file a second time.
    const parsed: number[] = [];
    const parse = DockerfileParser.parse;
    DockerfileParser.parse = (content: string) => {
      parsed.push(content.length);
      return parse(content);
    };
    try {
      const text = 'FROM debian:12\nRUN echo' + ' a'.repeat(5_000) + '\nUSER app\nRUN apt-get update \\\n';
      assert.deepEqual(fixTitles(text, DF, 'no-healthcheck'), []);
      assert.ok(parsed.reduce((a, b) => a + b, 0) < 1.2 * text.length, `parsed ${parsed.join(' + ')} characters of a ${text.length}-character file`);
    } finally {
      DockerfileParser.parse = parse;
    }
    // The file's escape character holds in the probe: with `# escape=\``, a trailing backtick leaves the RUN open.
    assert.deepEqual(fixTitles('# escape=`\nFROM debian:12\nRUN echo hi `\n', DF, 'no-healthcheck'), []);
    assert.ok(fixTitles('FROM debian:12\nRUN echo hi `\n', DF, 'no-healthcheck').length > 0);
    assert.ok(fixTitles('# escape=`\nFROM debian:12\nRUN echo hi \\\n', DF, 'no-healthcheck').length > 0);
  });

  it(`a script over ${MAX_SHELL_SCRIPT} characters is split into commands without the shell parser (still checked)`, () => {
    // A 40 KB RUN line of words cost the shell parser twice the whole file's parse.
    for (const n of [10, 10_000]) {
      const text = 'FROM debian:12\nRUN echo' + ' a'.repeat(n) + ' && curl -fsSL https://x | sh && apt-get update && apt-get install -y curl\n';
      const long = n > 10;
      assert.equal(text.length > 16_000, long);
      const model = new DockerfileModel(text);
      const shell = model.shellOf(model.instructions[1])!;
      assert.deepEqual(shell.commands.map((c) => c.name), ['echo', 'curl', 'sh', 'apt-get', 'apt-get']);
      assert.equal(shell.parseError !== undefined, long, String(n));
      const findings = analyze(text, DF).findings;
      assert.ok(findings.some((f) => f.ruleId === 'curl-pipe-shell'));
      // No cleanup appended to a script the shell parser did not read.
      assert.equal(fixTitles(text, DF, 'apt-lists-not-cleaned').length, long ? 0 : 1);
    }
  });

  it('a fix rewriting one of two identical images keeps the properties (the untouched one is the same finding)', () => {
    const text = 'FROM debian:jessie\nRUN true\nFROM debian:jessie\nRUN true\n';
    const f = analyze(text, DF).findings.find((x) => x.ruleId === 'eol-base-image')!;
    assertFixProperties(text, f, f.fixes![0], DF);
  });

  it('an instruction ending just before a `#` (a CR inside it, an escaped line break last) does not hang the model', async () => {
    // Found by the openAtEnd property test: the argument scan's comment loop read the `#` after the instruction's end
    // and never advanced. A synchronous loop cannot be interrupted in this thread, so the model is built in a worker.
    for (const text of ['RUN x\r<<\n\\\n#', 'COPY x\r<<\n\\\r\n# h\n']) {
      const worker = new Worker(
        `const { DockerfileModel } = require(${JSON.stringify(require.resolve('../../server/core/dockerfile/model'))});
         require('node:worker_threads').parentPort.postMessage(new DockerfileModel(${JSON.stringify(text)}).instructions.length);`,
        { eval: true },
      );
      const outcome = await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve('no answer within 10 s'), 10_000);
        worker.once('message', (n) => (clearTimeout(timer), resolve(`${n} instructions`)));
        worker.once('error', (e) => (clearTimeout(timer), resolve(`error: ${e.message}`)));
      });
      await worker.terminate();
      assert.match(outcome, /^\d+ instructions$/, JSON.stringify(text));
    }
  });
});

describe('fuzz regressions: Compose files', () => {
  it('CR-only line endings: lines are lines for the YAML parser too, and a fix lands in its own service', () => {
    const text = 'services:\r  web:\r    image: nginx:1.27\r  db:\r    image: postgres:16\r';
    const model = new ComposeModel(text);
    assert.deepEqual(model.problems, []);
    assert.deepEqual(model.services.map((s) => s.name), ['web', 'db']);
    const f = analyze(text, COMPOSE).findings.find((x) => x.ruleId === 'compose-cap-drop-all' && x.range.start.line === 1)!;
    const after = applyEdits(text, f.fixes![0].edits);
    assert.deepEqual(new ComposeModel(after).problems, []);
    assert.ok(new ComposeModel(after).services.find((s) => s.name === 'web')!.list('cap_drop').length > 0);
    assertEveryFix(text, COMPOSE);
  });

  it('a document with a YAML syntax error offers no fix placed by the parser’s guess', () => {
    const text = '{ services:\n  simple:\n    image:  unknownimage\n';
    const findings = analyze(text, COMPOSE).findings;
    assert.ok(findings.some((f) => f.ruleId === 'compose-yaml-syntax'));
    assert.deepEqual(findings.filter((f) => f.fixes?.length && f.ruleId !== 'compose-yaml-syntax').map((f) => f.ruleId), []);
  });

  it('no fix is placed in a mapping with a duplicate key (the text of a file pasted twice: two `services:`)', () => {
    // Docker Compose refuses the file, and the rules see only the first of the repeated entries: a fix edited one
    // copy (or landed inside the second), and the findings of the other came back as new ones.
    const once = 'services:\n  oneshot:\n    image: alpine\n    command: echo hi\n  longrunning:\n    image: alpine\n    init: true\n';
    const structural = (text: string) => analyze(text, COMPOSE).findings.filter((f) => f.fixes?.length && f.ruleId !== 'compose-yaml-syntax').map((f) => f.ruleId);
    assert.ok(structural(once).includes('compose-cap-drop-all'));
    for (const twice of [once + once, once + '    comm ' + once, once.replace(/\n/g, '\r') + once.replace(/\n/g, '\r')]) {
      const findings = analyze(twice, COMPOSE).findings;
      assert.ok(findings.some((f) => f.ruleId === 'compose-yaml-syntax' && /is already defined in this mapping/.test(f.message)), JSON.stringify(twice));
      assert.deepEqual(structural(twice), [], JSON.stringify(twice));
      assertEveryFix(twice, COMPOSE);
    }
    // A duplicate key in one service's mapping: that service gets no fix, the others keep theirs.
    const text = 'services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.26\n  db:\n    image: postgres:16\n';
    const fixed = analyze(text, COMPOSE).findings.filter((f) => f.fixes?.length && f.ruleId !== 'compose-yaml-syntax');
    assert.ok(fixed.length > 0);
    assert.deepEqual(fixed.filter((f) => !/`db`/.test(f.message)).map((f) => f.message), []);
    assert.ok(assertEveryFix(text, COMPOSE) > 0);
  });

  it('comments end at a lone CR for the fix checks too (a fix after a comment run in a CR-only file keeps it)', () => {
    const lines = ['services:', '  app:', '    image: alpine', '    healthcheck:', '      # keeps failing', '      # on purpose', '      test: ["CMD", "false"]', '  # db next', '  db:', '    image: postgres:16 # pg', ''];
    assert.deepEqual(yamlComments(lines.join('\r')).map((c) => c.text), ['# keeps failing', '# on purpose', '# db next', '# pg']);
    for (const text of [lines.join('\r'), lines.map((l, i) => l + ['\n', '\r\n', '\r'][i % 3]).join('')]) assert.ok(assertEveryFix(text, COMPOSE) > 0, JSON.stringify(text));
  });

  it('deep nesting is refused before the YAML parser recurses (thousands of `[` used to abort the process)', () => {
    // Three block levels, then three flow levels.
    assert.equal(yamlNestingDepth('services:\n  web:\n    ports: ["80:80", {a: [1]}]\n'), 6);
    assert.equal(yamlNestingDepth('a: "[[[[" # [[[[\n'), 1);
    const deepBlocks = Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    // A `{` inside a plain scalar (an unclosed `${`) opens no flow collection: the block levels below it still count
    // (fuzzing: `${version: "3"` on the first line hid 328 nested block levels until a fix renamed the key).
    assert.equal(yamlNestingDepth('${version: "3"\n' + deepBlocks, Infinity), 2_000);
    for (const text of ['x: ' + '['.repeat(50_000), '- '.repeat(5_000) + 'v\n', deepBlocks, '${version: "3"\n' + deepBlocks]) {
      const result = analyze(text, COMPOSE);
      assert.deepEqual(result.ruleErrors, []);
      assert.deepEqual(
        result.findings.map((f) => f.message),
        [`The YAML nests more than ${MAX_YAML_DEPTH} levels deep: the file is not analyzed (Compose files nest a few levels).`],
      );
    }
  });

  it('hundreds of YAML errors are listed up to a limit, then counted', () => {
    const text = 'services:\n  web:\n    image: nginx\nx: ' + '"" '.repeat(500) + '\n';
    const findings = analyze(text, COMPOSE).findings.filter((f) => f.ruleId === 'compose-yaml-syntax');
    assert.equal(findings.length, MAX_YAML_PROBLEMS + 1);
    assert.match(findings[findings.length - 1].message, /^…and \d+ more YAML problems after this point/);
  });

  it('thousands of YAML errors: listed up to a limit, counted, and past 1,000 errors the rest is not read', () => {
    const text = 'services:\n  web:\n    image: nginx\nx: ' + '"" '.repeat(5_000) + '\n';
    const findings = analyze(text, COMPOSE).findings.filter((f) => f.ruleId === 'compose-yaml-syntax');
    assert.equal(findings.length, MAX_YAML_PROBLEMS + 2);
    assert.match(findings[findings.length - 2].message, /^…and \d+ more YAML problems after this point/);
    assert.match(findings[findings.length - 1].message, /^Too many YAML syntax errors \(more than 1000\): reading stopped at line 4, column \d+;/);
  });
});

describe('fuzz regressions: Dockerfile shells', () => {
  it('setuid-bits: no finding under a cmd SHELL (Windows), and no fix where the new RUN would not run with a POSIX shell', () => {
    const cmd = 'FROM example/base:1\nSHELL ["cmd", "/s", "/c"]\nUSER ContainerAdministrator\nRUN setx /M PATH %PATH%\nUSER ContainerUser\n';
    assert.deepEqual(analyze(cmd, DF).findings.filter((f) => f.ruleId === 'setuid-bits'), []);
    assertEveryFix(cmd, DF);
    const pwsh = 'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN Write-Host hi\nUSER 10001\n';
    assert.equal(analyze(pwsh, DF).findings.filter((f) => f.ruleId === 'setuid-bits').length, 1);
    assert.deepEqual(fixTitles(pwsh, DF, 'setuid-bits'), []);
    // Back to a POSIX shell before the insertion point: the fix is offered and works.
    const back = 'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN Write-Host hi\nSHELL ["/bin/sh", "-c"]\nUSER 10001\n';
    assert.deepEqual(fixTitles(back, DF, 'setuid-bits'), ['Strip setuid/setgid bits from the image']);
    assertEveryFix(back, DF);
  });

  it('an escape before a lone CR is a continuation in the shell text, whatever comes before it (pipefail fix)', () => {
    // From the 100k run (Dockerfile.0003): tree-sitter-bash cannot lex `\` + lone CR and recovered from it according to
    // the text before it, so the pipefail prefix turned a phantom package ` \t\ta \t` into `a` plus a new `\t`.
    const packages = (text: string) =>
      analyze(text, DF)
        .findings.filter((f) => f.ruleId === 'apk-pin-versions')
        .map((f) => /installs `([^`]*)`/.exec(f.message)?.[1]);
    for (const eol of ['\n', '\r\n', '\r']) {
      const run = 'RUN apk add --no-cache \\\r\t\ta \\\r\t\tb | tee x';
      const text = `FROM alpine:3.19${eol}${run}${eol}`;
      assert.deepEqual(packages(text), ['a', 'b'], JSON.stringify(text));
      assert.deepEqual(packages(`FROM alpine:3.19${eol}RUN set -o pipefail && ${run.slice(4)}${eol}`), ['a', 'b']);
      assert.ok(assertEveryFix(text, DF) > 0);
    }
    // A comment line inside the continuation ends at its CR, as the model's lines do.
    const apt = 'FROM debian:12\rRUN apt-get update \\\r  # comment\r  && apt-get install -y curl \\\r  && echo done | tee x\r';
    assert.deepEqual(
      analyze(apt, DF).findings.filter((f) => f.ruleId === 'apt-pin-versions').map((f) => /installs `([^`]*)`/.exec(f.message)?.[1]),
      ['curl'],
    );
    assertEveryFix(apt, DF);
  });

  it('an exec form followed by blanks JSON does not allow (form feed, U+2028) is still the exec form, as the builder trims them', () => {
    // Fuzzing (seed 32): `CMD to\f\f` was converted to `CMD ["to"]\f\f`, which still read as the shell form.
    for (const tail of ['\f\f', '\u2028', ' \v']) {
      const m = new DockerfileModel(`FROM busybox:1.36\nCMD ["to"]${tail}`);
      assert.equal(m.instructionsOf('CMD')[0].execForm, true, JSON.stringify(tail));
    }
    for (const tail of ['\f\f', ' \v']) {
      const text = `FROM busybox:1.36\nCMD  to${tail}`;
      assert.deepEqual(fixTitles(text, DF, 'json-args'), ['Convert CMD to exec form: ["to"]']);
      assertEveryFix(text, DF);
    }
  });
});

describe('fuzz regressions: positions', () => {
  it('an offset between the CR and the LF of a CRLF maps to the end of its line', () => {
    const index = new LineIndex('ab\r\ncd');
    assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
    assert.deepEqual(index.positionAt(3), { line: 0, character: 2 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
    // A duplicated key at the end of a CRLF line: the YAML problem's range stays inside its line.
    const text = 'services:\r\n  a:\r\n    image: x\r\nservices:\r\n  b:\r\n    image: y\r\n';
    const lines = new LineIndex(text);
    for (const p of new ComposeModel(text).problems) assert.ok(p.range.end.character <= lines.lineText(p.range.end.line).length, JSON.stringify(p.range));
  });
});
