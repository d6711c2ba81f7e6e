import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initializeCore } from '../../server/core/engine';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import { literalOf } from '../../server/core/dockerfile/shell';
import { expandAliases, splitCells } from '../helpers/shared';

function model(lines: string[]): DockerfileModel {
  return new DockerfileModel(lines.join('\n'));
}

before(() => initializeCore());

describe('stages', () => {
  const m = model([
    'ARG BASE=golang:1.22',
    'FROM ${BASE} AS Build',
    'RUN go build -o /app .',
    'FROM build AS test',
    'FROM gcr.io/distroless/static:nonroot',
    'COPY --from=build /app /app',
  ]);
  it('lists stages with lower-cased names, parents and the final stage', () => {
    assert.equal(m.stages.length, 3);
    assert.equal(m.stages[0].name, 'build');
    assert.equal(m.stages[1].parent, m.stages[0]);
    assert.equal(m.finalStage, m.stages[2]);
    assert.equal(m.stages[2].isFinal, true);
    assert.equal(m.stages[0].isFinal, false);
  });
  it('marks stages read by COPY --from', () => {
    assert.equal(m.stages[0].copiedFrom, true);
    assert.equal(m.stages[1].copiedFrom, false);
  });
  it('resolves the image through global ARGs', () => {
    assert.equal(m.stages[0].image.resolved, 'golang:1.22');
    assert.equal(m.stages[0].image.repository, 'golang');
    assert.equal(m.stages[0].image.tag, '1.22');
    assert.equal(m.stages[2].image.registry, 'gcr.io');
    assert.equal(m.stages[2].image.repository, 'distroless/static');
  });
  it('attaches instructions to their stage; pre-FROM ARGs have none', () => {
    assert.equal(m.instructions[0].stage, undefined);
    assert.equal(m.instructions[2].stage, m.stages[0]);
    assert.equal(m.instructionsOf('COPY', m.stages[2]).length, 1);
  });
});

describe('variables in stages', () => {
  const m = model([
    'ARG VERSION=1.0',
    'ARG NOVALUE',
    'FROM alpine:3.20 AS base',
    'ARG VERSION',
    'ENV HOME_DIR=/srv/${VERSION}',
    'ARG LOCAL=x',
    'RUN echo',
    'FROM base AS child',
    'RUN echo',
  ]);
  it('a re-declared global ARG takes its global default', () => {
    const run = m.instructionsOf('RUN')[0];
    assert.equal(m.resolve('$VERSION', run), '1.0');
    assert.equal(m.resolve('$HOME_DIR', run), '/srv/1.0');
    assert.equal(m.resolve('$LOCAL', run), 'x');
  });
  it('ENV carries into a stage built on this one; ARGs do not', () => {
    const run = m.instructionsOf('RUN')[1];
    assert.equal(m.resolve('$HOME_DIR', run), '/srv/1.0');
    assert.equal(m.resolve('$LOCAL', run), undefined);
    assert.equal(m.resolve('$VERSION', run), undefined);
  });
  it('an ARG without a value is declared but unknown', () => {
    assert.equal(m.globalScope.has('NOVALUE'), true);
    assert.equal(m.globalScope.get('NOVALUE'), undefined);
  });
});

describe('effectiveUser', () => {
  it('is the last USER of the stage, resolved through ARG', () => {
    const m = model(['FROM alpine', 'ARG UID=0', 'USER app', 'USER ${UID}']);
    const u = m.effectiveUser(m.finalStage!);
    assert.equal(u.user, '0');
    assert.equal(u.known, true);
    assert.equal(u.instruction?.range.start.line, 3);
  });
  it('is inherited through the FROM chain', () => {
    const m = model(['FROM alpine AS base', 'USER 10001', 'FROM base']);
    assert.equal(m.effectiveUser(m.finalStage!).user, '10001');
  });
  it('is not inherited from a stage only copied from', () => {
    const m = model(['FROM alpine AS base', 'USER 10001', 'FROM alpine', 'COPY --from=base /a /a']);
    const u = m.effectiveUser(m.finalStage!);
    assert.equal(u.defaultRoot, true);
  });
  it('is unknown when the ARG has no default', () => {
    const m = model(['FROM alpine', 'ARG UID', 'USER $UID']);
    const u = m.effectiveUser(m.finalStage!);
    assert.equal(u.known, false);
    assert.equal(u.defaultRoot, false);
  });
  it('knows images documented to run as non-root', () => {
    const m = model(['FROM gcr.io/distroless/base-debian12:nonroot']);
    assert.equal(m.effectiveUser(m.finalStage!).defaultRoot, false);
  });
});

describe('RUN scripts', () => {
  it('splits commands with their own flags across continuations and comment lines', () => {
    const m = model([
      'FROM debian:12',
      'RUN apt-get update \\',
      '  # a comment inside the continuation',
      '  && apt-get install -y --no-install-recommends curl \\',
      '',
      '  && rm -rf /var/lib/apt/lists/*',
    ]);
    const cmds = m.runCommands();
    assert.deepEqual(
      cmds.map((c) => c.command.name),
      ['apt-get', 'apt-get', 'rm'],
    );
    const install = cmds[1].command;
    assert.deepEqual(
      install.args.map((a) => a.value),
      ['install', '-y', '--no-install-recommends', 'curl'],
    );
    assert.deepEqual(m.rangeOf(install.command.start, install.command.end), {
      start: { line: 3, character: 5 },
      end: { line: 3, character: 12 },
    });
  });
  it('honours the escape directive', () => {
    const m = model(['# escape=`', 'FROM alpine:3.20', 'RUN echo a `', '  && echo b']);
    assert.equal(m.escapeChar, '`');
    assert.deepEqual(
      m.runCommands().map((c) => c.command.args[0].value),
      ['a', 'b'],
    );
  });
  it('parses heredoc bodies as scripts, without the terminator', () => {
    const m = model(['FROM alpine', 'RUN <<EOF', 'apk add curl', 'curl -fsSL x | sh', 'EOF', 'RUN echo after']);
    assert.deepEqual(
      m.runCommands().map((c) => c.command.name),
      ['apk', 'curl', 'sh', 'echo'],
    );
    const curl = m.runCommands()[1].command;
    assert.equal(curl.pipeTo?.name, 'sh');
    assert.equal(m.rangeOf(curl.start, curl.end).start.line, 3);
  });
  it('reads heredoc bodies fed to a non-shell command as data', () => {
    const m = model(['FROM alpine', 'RUN <<EOS cat > /usr/local/bin/setup.sh', 'apt-get install -y curl', 'EOS', 'RUN python3 <<PY', 'import os', 'PY']);
    assert.deepEqual(
      m.runCommands().map((c) => c.command.name),
      ['cat', 'python3'],
    );
    const cat = m.runCommands()[0].command;
    assert.equal(m.text.slice(cat.command.start, cat.command.end), 'cat');
    const bash = model(['FROM alpine', 'RUN <<EOS bash -e', 'sudo ls', 'EOS']);
    assert.deepEqual(
      bash.runCommands().map((c) => c.command.name),
      ['bash', 'sudo'],
    );
  });
  it('parses a heredoc fed to bash, and `sh -c` strings', () => {
    const m = model(['FROM alpine', 'RUN bash <<-SCRIPT', '\tsudo ls', '\tSCRIPT', "RUN sh -c 'wget -qO- x | bash'"]);
    const names = m.runCommands().map((c) => c.command.name);
    assert.ok(names.includes('sudo'), names.join(','));
    const wget = m.runCommands().find((c) => c.command.name === 'wget')!.command;
    assert.equal(wget.pipeTo?.name, 'bash');
    assert.equal(m.rangeOf(wget.start, wget.end).start.character, 11);
  });
  it('maps positions correctly after non-ASCII text', () => {
    const m = model(['FROM alpine', 'RUN echo "héllo wörld" && sudo ls']);
    const sudo = m.runCommands().find((c) => c.command.name === 'sudo')!.command;
    assert.equal(m.text.slice(sudo.command.start, sudo.command.end), 'sudo');
  });
  it('links pipelines', () => {
    const m = model(['FROM alpine', 'RUN curl -fsSL https://x | tee /tmp/a | sh -s -- -y']);
    const [curl, tee, sh] = m.runCommands().map((c) => c.command);
    assert.equal(curl.pipeTo, tee);
    assert.equal(tee.pipeTo, sh);
    assert.equal(sh.pipedFrom, tee);
  });
  it('reads the exec form as one command, and `sh -c` in exec form as a script', () => {
    const m = model(['FROM alpine', 'RUN ["apk", "add", "curl"]', 'RUN ["/bin/sh", "-c", "sudo ls && echo ok"]']);
    assert.deepEqual(
      m.runCommands().map((c) => c.command.name),
      ['apk', 'sudo', 'echo'],
    );
    const sudo = m.runCommands()[1].command;
    assert.equal(m.text.slice(sudo.command.start, sudo.command.end), 'sudo');
  });
  it('falls back to a plain split when the shell parser rejects the script', () => {
    const m = model(['FROM alpine', "RUN echo 'unterminated && sudo ls", 'RUN apt-get install -y {{ pkgs }} && sudo x']);
    const second = m.shellOf(m.instructionsOf('RUN')[1]);
    assert.ok(second);
    assert.ok(second.commands.some((c) => c.name === 'apt-get'));
    const first = m.shellOf(m.instructionsOf('RUN')[0]);
    assert.ok(first?.parseError, 'unterminated quote is a parse error');
  });
  it('does not read PowerShell or cmd scripts as sh', () => {
    const m = model([
      '# escape=`',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win',
      'RUN echo a && sudo b',
      'SHELL ["powershell", "-Command"]',
      'RUN Write-Host "sudo"; sudo x',
      'FROM debian:12',
      'RUN sudo ls',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'RUN sudo ls',
    ]);
    assert.deepEqual(
      m.runCommands().map((c) => [c.command.name, c.instruction.range.start.line]),
      [
        ['sudo', 6],
        ['sudo', 8],
      ],
    );
    assert.deepEqual(m.shellCommandAt(m.instructions[7]), ['/bin/bash', '-o', 'pipefail', '-c']);
    assert.deepEqual(m.shellCommandAt(m.instructions[1]), ['cmd', '/S', '/C']);
  });
  it('skips RUN flags', () => {
    const m = model(['FROM alpine', 'RUN --mount=type=cache,target=/var/cache/apk apk add curl']);
    assert.deepEqual(
      m.runCommands().map((c) => c.command.name),
      ['apk'],
    );
    assert.equal(m.instructionsOf('RUN')[0].flags[0].name, 'mount');
  });
});

describe('robustness', () => {
  for (const text of ['', '\u0000\u0001binary\uFFFD', 'RUN', 'FROM', 'FROM \\', '# escape=`\n', 'ARG X=${', '\r\n\r\nFROM a\rRUN b']) {
    it(`builds a model for ${JSON.stringify(text)}`, () => {
      const m = new DockerfileModel(text);
      m.runCommands();
      for (const s of m.stages) m.effectiveUser(s);
    });
  }
});

describe('spec table parsing (test helper)', () => {
  it('keeps pipes inside code and expands alias ranges', () => {
    assert.deepEqual(splitCells('| `a` | x `curl … | sh` y | — |'), ['`a`', 'x `curl … | sh` y', '—']);
    assert.deepEqual(expandAliases('CKV2_DOCKER_2–4, 12–13, CIS 4.11'), ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CIS 4.11']);
    assert.deepEqual(expandAliases('DL3002, DS0002, CIS 4.1'), ['DL3002', 'DS0002', 'CIS 4.1']);
    assert.deepEqual(expandAliases('CIS 5.2, 5.3'), ['CIS 5.2', '5.3']);
  });
  it('process substitutions are not literal words', () => {
    assert.equal(literalOf('<(curl -s x)'), null);
    assert.equal(literalOf("'<(x)'"), '<(x)');
  });
});
