import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initializeCore } from '../../server/core/engine';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import type { DfInstruction } from '../../server/core/dockerfile/model';
import {
  aloneUpdates,
  appendToRun,
  blankContinuations,
  commandsByRun,
  insertAfterWord,
  mountHolds,
  mountsOf,
  reachesImage,
  removeCommands,
  removesPath,
  type RunCmd,
} from '../../server/core/dockerfile/hygiene-helpers';
import { applyEdits } from '../../server/core/fixes/edits';

before(() => initializeCore());

function run(text: string, index = 0): { model: DockerfileModel; instr: DfInstruction; cmds: RunCmd[] } {
  const model = new DockerfileModel(text);
  const instr = model.instructions.filter((i) => i.keyword === 'RUN')[index];
  return { model, instr, cmds: commandsByRun(model).get(instr) ?? [] };
}

function appended(text: string, command = 'rm -rf /x'): string | undefined {
  const { model, instr } = run(text);
  const edit = appendToRun(model, instr, command);
  return edit && applyEdits(text, [edit]);
}

function removed(text: string, pick: (c: RunCmd) => boolean): string | undefined {
  const { model, instr, cmds } = run(text);
  const edits = removeCommands(model, instr, cmds, cmds.filter(pick));
  return edits && applyEdits(text, edits);
}

describe('appendToRun', () => {
  it('joins with && on one line, or adds a continuation line in the RUN\'s style', () => {
    assert.equal(appended('FROM a\nRUN b && c'), 'FROM a\nRUN b && c && rm -rf /x');
    assert.equal(appended('FROM a\nRUN b \\\n  && c\n'), 'FROM a\nRUN b \\\n  && c \\\n  && rm -rf /x\n');
    assert.equal(appended('FROM a\nRUN b && \\\n    c'), 'FROM a\nRUN b && \\\n    c && \\\n    rm -rf /x');
    assert.equal(appended('FROM a\nRUN b; \\\n    c;'), 'FROM a\nRUN b; \\\n    c; \\\n    rm -rf /x');
    assert.equal(appended('# escape=`\nFROM a\nRUN b `\n  && c'), '# escape=`\nFROM a\nRUN b `\n  && c `\n  && rm -rf /x');
    assert.equal(appended('FROM a\r\nRUN b \\\r\n  && c\r\n'), 'FROM a\r\nRUN b \\\r\n  && c \\\r\n  && rm -rf /x\r\n');
  });
  it('skips comment lines inside the continuation', () => {
    assert.equal(appended('FROM a\nRUN b \\\n  && c \\\n  # done\n'), 'FROM a\nRUN b \\\n  && c \\\n  && rm -rf /x \\\n  # done\n');
  });
  it('adds a line before a heredoc script\'s terminator', () => {
    assert.equal(appended('FROM a\nRUN <<EOF\n  b\n  c\nEOF\n'), 'FROM a\nRUN <<EOF\n  b\n  c\n  rm -rf /x\nEOF\n');
  });
  it('gives up where the end is not plain', () => {
    assert.equal(appended('FROM a\nRUN b # note'), undefined);
    assert.equal(appended('FROM a\nRUN b &&'), undefined);
    assert.equal(appended('FROM a\nRUN b &'), undefined);
    assert.equal(appended('FROM a\nRUN ["b", "c"]'), undefined);
    assert.equal(appended('FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF'), undefined);
    assert.equal(appended('FROM a\nRUN cat <<EOF > /x\ndata\nEOF'), undefined);
  });
});

describe('removeCommands', () => {
  const isX = (c: RunCmd) => c.effective.name === 'x';
  it('keeps the chain\'s meaning', () => {
    assert.equal(removed('FROM a\nRUN a && x && b', isX), 'FROM a\nRUN a && b');
    assert.equal(removed('FROM a\nRUN x && b', isX), 'FROM a\nRUN b');
    assert.equal(removed('FROM a\nRUN a && x', isX), 'FROM a\nRUN a');
    assert.equal(removed('FROM a\nRUN a && x; b', isX), 'FROM a\nRUN a; b');
    assert.equal(removed('FROM a\nRUN a; x && b', isX), 'FROM a\nRUN a; b');
    assert.equal(removed('FROM a\nRUN a \\\n && x \\\n && b', isX), 'FROM a\nRUN a \\\n && b');
  });
  it('takes an inline assignment with its command', () => {
    assert.equal(removed('FROM a\nRUN a && X=1 Y="2 3" x -y && b', isX), 'FROM a\nRUN a && b');
  });
  it('deletes a heredoc line, or the RUN when nothing else runs', () => {
    assert.equal(removed('FROM a\nRUN <<EOF\na\nx\nb\nEOF\n', isX), 'FROM a\nRUN <<EOF\na\nb\nEOF\n');
    assert.equal(removed('FROM a\nRUN set -e; x\nUSER b', isX), 'FROM a\nUSER b');
  });
  it('gives up inside pipelines, || and conditions', () => {
    assert.equal(removed('FROM a\nRUN a | x && b', isX), undefined);
    assert.equal(removed('FROM a\nRUN a && x || b', isX), undefined);
    assert.equal(removed('FROM a\nRUN a && x > /log && b', isX), undefined);
    assert.equal(removed('FROM a\nRUN if a; then x; fi && b', isX), undefined);
  });
});

describe('aloneUpdates', () => {
  const alone = (script: string) => aloneUpdates(run(`FROM a\nRUN ${script}`).cmds).length;
  it('finds updates nothing in the RUN reads', () => {
    assert.equal(alone('apt-get update'), 1);
    assert.equal(alone('apt-get update && apt-get install -y x'), 0);
    assert.equal(alone('apk update && apk del x'), 1);
    assert.equal(alone('apt-get update && pip install x'), 1);
  });
  it('does not judge a RUN that runs scripts or dynamic commands', () => {
    assert.equal(alone('apt-get update && ./setup.sh'), 0);
    assert.equal(alone('apt-get update && bash /tmp/x'), 0);
    assert.equal(alone('apt-get update && $CMD'), 0);
    assert.equal(alone('apt-get update && /usr/local/bin/install-deps'), 0);
  });
});

describe('mounts', () => {
  it('reads --mount flags (dst=, quotes, ARG values)', () => {
    const { model, instr } = run('FROM a\nARG C=/root/.cache\nRUN --mount=type=cache,dst=${C}/pip --mount="type=tmpfs,target=/var/lib/apt/lists/" --mount=type=bind,source=.,target=/src x');
    assert.deepEqual(mountsOf(model, instr), [
      { type: 'cache', target: '/root/.cache/pip' },
      { type: 'tmpfs', target: '/var/lib/apt/lists' },
      { type: 'bind', target: '/src' },
    ]);
    assert.equal(mountHolds(model, instr, '/root/.cache/pip/wheels'), true);
    assert.equal(mountHolds(model, instr, '/var/lib/apt/lists'), true);
    assert.equal(mountHolds(model, instr, '/src/x'), false);
    assert.equal(mountHolds(model, instr, '/root/.cache'), false);
  });
});

describe('removesPath', () => {
  const removes = (script: string) => run(`FROM a\nRUN ${script}`).cmds.some((c) => removesPath(c, (p) => p.startsWith('/var/lib/apt/lists')));
  it('reads rm -r and find -delete', () => {
    assert.equal(removes('rm -rf /var/lib/apt/lists/*'), true);
    assert.equal(removes('rm -r -f /tmp /var/lib/apt/lists'), true);
    assert.equal(removes('rm -f /var/lib/apt/lists/x'), false);
    assert.equal(removes('find /var/lib/apt/lists -type f -delete'), true);
    assert.equal(removes('find /var/lib/apt/lists -type f'), false);
  });
});

describe('insertAfterWord', () => {
  it('adds a JSON element in exec form and a word in shell form', () => {
    for (const [text, expected] of [
      ['FROM a\nRUN ["apt-get", "install", "x"]', 'FROM a\nRUN ["apt-get", "install", "-y", "x"]'],
      ['FROM a\nRUN ["sh", "-c", "apt-get install x"]', 'FROM a\nRUN ["sh", "-c", "apt-get install -y x"]'],
      ['FROM a\nRUN apt-get install x', 'FROM a\nRUN apt-get install -y x'],
    ]) {
      const { model, instr, cmds } = run(text);
      const word = cmds[0].call!.subcommandWord!;
      assert.equal(applyEdits(text, [insertAfterWord(model, instr, word, '-y')!]), expected);
    }
  });
});

describe('blankContinuations and reachesImage', () => {
  it('keeps offsets while blanking continuations and comment lines', () => {
    const text = 'FROM a\nRUN b \\\n# c\n  && d';
    const { model, instr } = run(text);
    const blank = blankContinuations(model, instr.start, instr.end);
    assert.equal(blank.length, instr.end - instr.start);
    assert.equal(blank.replace(/\s+/g, ' '), 'RUN b && d');
  });
  it('leaves out stages that only feed COPY --from', () => {
    const model = new DockerfileModel('FROM a AS build\nFROM b AS dev\nFROM c\nCOPY --from=build /x /x');
    assert.deepEqual(model.stages.map((s) => reachesImage(model, s)), [false, true, true]);
  });
});
