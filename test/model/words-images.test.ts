import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initializeCore } from '../../server/core/engine';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import { commandScript, instructionWords, runtimeStages, sourcesAndDestination, stageChain } from '../../server/core/dockerfile/words';

before(() => initializeCore());

function words(text: string, keyword: string) {
  const m = new DockerfileModel(text);
  const instr = m.instructionsOf(keyword)[0];
  return { m, list: instructionWords(m, instr) };
}

describe('instructionWords', () => {
  it('reads shell-form words after the flags, with offsets, quotes removed and variables resolved', () => {
    const { m, list } = words('FROM a\nARG D=/srv\nCOPY --chown=1:1 "src" ${D}/', 'COPY');
    assert.deepEqual(
      list.map((w) => [w.text, w.value, m.text.slice(w.start, w.end)]),
      [
        ['src', 'src', 'src'],
        ['${D}/', '/srv/', '${D}/'],
      ],
    );
  });
  it('keeps the blanks inside exec-form strings (dockerfile-ast drops them)', () => {
    const { m, list } = words('FROM a\nCOPY ["my file.txt", "/dest dir/"]', 'COPY');
    assert.deepEqual(list.map((w) => w.value), ['my file.txt', '/dest dir/']);
    assert.equal(m.text.slice(list[0].start, list[0].end), 'my file.txt');
  });
  it('marks heredoc operators and leaves their bodies out', () => {
    const { list } = words('FROM a\nCOPY <<EOF /etc/motd\n. /x\nEOF', 'COPY');
    assert.deepEqual(list.map((w) => [w.text, w.heredoc]), [['<<EOF', true], ['/etc/motd', false]]);
    const split = sourcesAndDestination(list)!;
    assert.equal(split.destination.text, '/etc/motd');
  });
  it('joins words split by a continuation with a comment line, and honours the escape directive', () => {
    assert.deepEqual(words('FROM a\nVOLUME /var/run/do\\\n# c\ncker.sock', 'VOLUME').list.map((w) => w.value), ['/var/run/docker.sock']);
    assert.deepEqual(words('# escape=`\nFROM a\nVOLUME /a `\n  /b', 'VOLUME').list.map((w) => w.value), ['/a', '/b']);
  });
  it('leaves values from ARGs without a default unknown', () => {
    assert.equal(words('FROM a\nARG P\nEXPOSE $P', 'EXPOSE').list[0].value, undefined);
  });
});

describe('commandScript', () => {
  it('parses shell-form CMD and the sh -c body of an exec form, with document offsets', () => {
    const m = new DockerfileModel('FROM a\nCMD service ssh start \\\n  && exec bash\nENTRYPOINT ["sh", "-c", "/usr/sbin/sshd -D"]');
    const cmd = commandScript(m, m.instructionsOf('CMD')[0])!.commands;
    assert.deepEqual(cmd.map((c) => c.name), ['service', 'exec']);
    assert.equal(m.text.slice(cmd[0].args[0].start, cmd[0].args[0].end), 'ssh');
    const entry = commandScript(m, m.instructionsOf('ENTRYPOINT')[0])!.commands;
    assert.deepEqual(entry.map((c) => [c.name, c.args.map((a) => a.value)]), [['sshd', ['-D']]]);
    assert.equal(m.text.slice(entry[0].command.start, entry[0].command.end), '/usr/sbin/sshd');
  });
  it('parses an instruction once, whichever rules ask (a 12 KB CMD was parsed once per rule)', () => {
    const m = new DockerfileModel('FROM a\nCMD service ssh start && exec bash\n');
    const cmd = m.instructionsOf('CMD')[0];
    assert.equal(commandScript(m, cmd), commandScript(m, cmd));
  });
  it('reads line breaks and continuations as RUN scripts do: an escape before a lone CR continues the line', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const m = new DockerfileModel(`FROM a${eol}CMD service ssh start \\\r  # note\r  && exec bash${eol}`);
      const cmd = m.instructionsOf('CMD')[0];
      assert.deepEqual(commandScript(m, cmd)!.commands.map((c) => [c.name, c.args.map((a) => a.value)]), [['service', ['ssh', 'start']], ['exec', ['bash']]], JSON.stringify(eol));
      assert.equal(commandScript(m, cmd)!.parseError, undefined);
    }
  });
});

describe('stages', () => {
  const m = new DockerfileModel(
    ['FROM a AS base', 'FROM base AS build', 'FROM a AS lint', 'FROM a AS tools', 'FROM base AS final', 'COPY --from=build /x /x', 'COPY --from=tools /y /y'].join('\n'),
  );
  it('stageChain walks the FROM chain, nearest first', () => {
    assert.deepEqual(stageChain(m.finalStage!).map((s) => s.name), ['final', 'base']);
  });
  it('runtimeStages keeps the final chain and unused targets, not stages that only feed COPY --from', () => {
    assert.deepEqual(runtimeStages(m).map((s) => s.name), ['base', 'lint', 'final']);
  });
});
