import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initializeCore } from '../../server/core/engine';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import type { ShellCommand } from '../../server/core/dockerfile/shell';
import {
  assignmentValueAt,
  chmodCall,
  downloaderOf,
  effectiveCommand,
  findExecCommands,
  inHeredocBody,
  interpreterOf,
  isInstall,
  isPipInstall,
  mask,
  matchInstructionText,
  offsetReporter,
  packageManagerOf,
  parseOptions,
  pipInvocation,
  sedWrites,
  urlHost,
  variableSettings,
  CURL_OPTIONS,
} from '../../server/core/dockerfile/commands';

before(() => initializeCore());

function commands(script: string): ShellCommand[] {
  const m = new DockerfileModel(`FROM alpine\nRUN ${script}`);
  return m.runCommands().map((c) => c.command);
}

function first(script: string, name?: string): ShellCommand {
  const all = commands(script);
  const found = name ? all.find((c) => c.name === name) : all[0];
  assert.ok(found, `no command ${name ?? ''} in ${script}`);
  return found;
}

describe('effectiveCommand', () => {
  it('looks through sudo, env, busybox and xargs', () => {
    assert.equal(effectiveCommand(first('sudo -E env A=1 curl x')).name, 'curl');
    assert.equal(effectiveCommand(first('busybox wget -qO- x')).name, 'wget');
    assert.equal(effectiveCommand(first('find . | xargs -0 -n 1 chmod 644', 'xargs')).name, 'chmod');
    assert.equal(effectiveCommand(first('ls -l')).name, 'ls');
  });
  it('finds the commands of find -exec', () => {
    const subs = findExecCommands(first('find / -xdev -perm /6000 -type f -exec chmod a-s {} + -exec ls {} \\;'));
    assert.deepEqual(subs.map((s) => [s.name, s.args.map((a) => a.value)]), [['chmod', ['a-s']], ['ls', []]]);
  });
});

describe('parseOptions', () => {
  it('splits short clusters and stops at a letter that takes a value', () => {
    const p = parseOptions(first('curl -fsSLk -ofile -H "A: b" https://x').args, CURL_OPTIONS);
    assert.deepEqual(p.options.map((o) => [o.name, o.value]), [['f', undefined], ['s', undefined], ['S', undefined], ['L', undefined], ['k', undefined], ['o', 'file'], ['H', 'A: b']]);
    assert.deepEqual(p.positionals.map((w) => w.value), ['https://x']);
  });
  it('does not read a value letter as a flag (`-okey` is output "key", not -k)', () => {
    const p = parseOptions(first('curl -okey https://x').args, CURL_OPTIONS);
    assert.deepEqual(p.options.map((o) => [o.name, o.value]), [['o', 'key']]);
  });
  it('reads --name=value and --name value, and stops at --', () => {
    const p = parseOptions(first('curl --output=a --url b -- -c').args, CURL_OPTIONS);
    assert.deepEqual(p.options.map((o) => [o.name, o.value]), [['output', 'a'], ['url', 'b']]);
    assert.deepEqual(p.positionals.map((w) => w.value), ['-c']);
  });
});

describe('downloaderOf', () => {
  it('curl writes to stdout unless -o/-O', () => {
    assert.equal(downloaderOf(first('curl -fsSL https://x/i.sh'))?.toStdout, true);
    assert.equal(downloaderOf(first('curl -fsSLo /tmp/i.sh https://x/i.sh'))?.output, '/tmp/i.sh');
    assert.equal(downloaderOf(first('curl -fsSLO https://x/a/i.sh?x=1'))?.output, 'i.sh');
    assert.equal(downloaderOf(first('curl -o - https://x'))?.toStdout, true);
  });
  it('wget saves a file unless -O -', () => {
    assert.equal(downloaderOf(first('wget https://x/get-pip.py'))?.output, 'get-pip.py');
    assert.equal(downloaderOf(first('wget -nv -P /tmp https://x/a.sh'))?.output, '/tmp/a.sh');
    assert.equal(downloaderOf(first('wget -qO- https://x'))?.toStdout, true);
    assert.equal(downloaderOf(first('wget -O - https://x'))?.toStdout, true);
    assert.equal(downloaderOf(first('wget -O /tmp/x https://x'))?.toStdout, false);
  });
  it('lists the URLs and sees through wrappers', () => {
    const d = downloaderOf(first('sudo curl -H "X: y" https://a/b --url https://c/d'));
    assert.deepEqual(d?.urls.map((u) => u.value), ['https://a/b', 'https://c/d']);
    assert.equal(downloaderOf(first('echo curl')), undefined);
  });
});

describe('packageManagerOf', () => {
  it('finds the subcommand after global options', () => {
    const apt = packageManagerOf(first('apt-get -o Acquire::Retries=3 -q install -y curl'));
    assert.equal(apt?.manager, 'apt-get');
    assert.equal(apt?.subcommand, 'install');
    assert.deepEqual(apt?.args.map((a) => a.value), ['-y', 'curl']);
    assert.equal(packageManagerOf(first('apk --no-cache add curl'))?.subcommand, 'install');
    assert.equal(packageManagerOf(first('dnf --setopt=tsflags=nodocs -y install x'))?.subcommand, 'install');
    assert.equal(packageManagerOf(first('npm ci'))?.subcommand, 'install');
  });
  it('reads rpm, dpkg and pacman modes from their flags', () => {
    assert.equal(packageManagerOf(first('rpm -ivh --nosignature a.rpm'))?.subcommand, 'install');
    assert.equal(packageManagerOf(first('rpm -qa'))?.subcommand, 'query');
    assert.equal(packageManagerOf(first('dpkg -i a.deb'))?.subcommand, 'install');
    assert.equal(packageManagerOf(first('pacman -Syu --noconfirm x'))?.subcommand, 'install');
  });
  it('recognises pip in its spellings', () => {
    for (const s of ['pip install x', 'pip3.12 install x', 'python3 -m pip install x', 'python -u -m pip install x', '/opt/venv/bin/python -mpip install x', 'uv pip install x', 'pip --no-cache-dir install x', 'sudo -H pip3 install x']) {
      assert.equal(isPipInstall(first(s)), true, s);
    }
    assert.equal(pipInvocation(first('uv pip install x'))?.via, 'uv');
    assert.equal(pipInvocation(first('python3 -m pip install x'))?.via, 'python -m');
    assert.equal(isPipInstall(first('pip download x')), false);
    assert.equal(isPipInstall(first('python3 -c "import pip"')), false);
    assert.equal(isPipInstall(first('python3 -m venv /v')), false);
  });
  it('isInstall', () => {
    assert.equal(isInstall(packageManagerOf(first('apt-get update'))), false);
    assert.equal(isInstall(packageManagerOf(first('yarn global add x'))), true);
    assert.equal(isInstall(packageManagerOf(first('go install x@v1'))), true);
    assert.equal(isInstall(packageManagerOf(first('ls'))), false);
  });
});

describe('interpreterOf', () => {
  const source = (s: string) => interpreterOf(first(s))?.source;
  it('shells read stdin with no script, `-`, or -s', () => {
    assert.equal(source('bash'), 'stdin');
    assert.equal(source('sh -'), 'stdin');
    assert.equal(source('sh -s -- -b /usr/bin v1'), 'stdin');
    assert.equal(source('bash -s stable'), 'stdin');
    assert.equal(source('sudo -E bash -x'), 'stdin');
    assert.equal(source('bash -o pipefail -c "ls"'), 'string');
    assert.equal(source('sh install.sh'), 'file');
    assert.equal(source('bash /dev/stdin'), 'stdin');
  });
  it('interpreters read stdin unless given code or a script', () => {
    assert.equal(source('python3 -'), 'stdin');
    assert.equal(source('python3'), 'stdin');
    assert.equal(source('python3 -c "print(1)"'), 'string');
    assert.equal(source('python3 -Wignore get-pip.py'), 'file');
    assert.equal(source('perl -ne "print"'), 'string');
    assert.equal(source('php -- --install-dir=/usr/bin'), 'stdin');
    assert.equal(source('node -e "1"'), 'string');
    assert.equal(source('ruby'), 'stdin');
    assert.equal(interpreterOf(first('jq .')), undefined);
  });
});

describe('chmodCall', () => {
  it('reads the mode, targets and -R; `-s` and `-w` are modes', () => {
    const c = chmodCall(first('chmod -R 0777 /a /b'));
    assert.equal(c?.mode?.value, '0777');
    assert.equal(c?.recursive, true);
    assert.deepEqual(c?.targets.map((t) => t.value), ['/a', '/b']);
    assert.equal(chmodCall(first('chmod -s /usr/bin/su'))?.mode?.value, '-s');
    assert.equal(chmodCall(first('chmod 777 -R /x'))?.recursive, true);
    assert.equal(chmodCall(first('chmod --reference=/a /b'))?.mode, undefined);
  });
});

describe('matchInstructionText', () => {
  const m = new DockerfileModel(
    [
      'FROM centos:7',
      'RUN echo sslverify=0 >> /etc/yum.conf \\',
      '# sslverify=0 in a comment line',
      ' && grep -q sslverify=0 /etc/yum.conf \\',
      " && sed -i 's/sslverify=0/sslverify=1/' /etc/yum.conf \\",
      " && sed -i -e 's|^sslverify=1|sslverify=0|' /etc/dnf.conf",
    ].join('\n'),
  );
  it('skips comments, grep and the search side of sed', () => {
    const run = m.instructionsOf('RUN')[0];
    const found = matchInstructionText(m, run, /sslverify=0/g).map((x) => m.rangeOf(x.start, x.end).start);
    assert.deepEqual(found, [
      { line: 1, character: 9 },
      { line: 5, character: 30 },
    ]);
  });
  it('inHeredocBody tells heredoc bodies from the command line', () => {
    const text = 'FROM alpine\nCOPY <<EOF /etc/x.conf\ngpgcheck=0\nEOF\nRUN echo gpgcheck=0';
    const h = new DockerfileModel(text);
    const [copy, run] = [h.instructionsOf('COPY')[0], h.instructionsOf('RUN')[0]];
    assert.equal(inHeredocBody(h, copy, text.indexOf('gpgcheck')), true);
    assert.equal(inHeredocBody(h, copy, text.indexOf('/etc/x.conf')), false);
    assert.equal(inHeredocBody(h, run, text.lastIndexOf('gpgcheck')), false);
  });
  it('sedWrites covers replacements and appended text', () => {
    const cmd = first("sed -i -e 's/a/bc/' -e '$a extra' f", 'sed');
    const texts = sedWrites(cmd).map(([s, e]) => `FROM alpine\nRUN sed -i -e 's/a/bc/' -e '$a extra' f`.slice(s, e));
    assert.deepEqual(texts, ['bc', 'extra']);
  });
});

describe('variables and misc', () => {
  it('variableSettings resolves ENV and stage ARG values', () => {
    const m = new DockerfileModel('ARG V=0\nFROM alpine\nARG V\nARG W\nENV A=$V B="x y"\nENV C=$W');
    const list = variableSettings(m).map((s) => [s.instruction.keyword, s.name, s.value]);
    assert.deepEqual(list, [['ARG', 'V', '0'], ['ENV', 'A', '0'], ['ENV', 'B', 'x y'], ['ENV', 'C', null]]);
    assert.equal(variableSettings(m, true).some((s) => s.name === 'W' && s.value === null), true);
  });
  it('assignmentValueAt reads quoted and bare values; expansions are unknown', () => {
    const text = 'A=0 B="x y" C=$D E=\'$F\'';
    assert.deepEqual(assignmentValueAt(text, 2), { value: '0', end: 3 });
    assert.equal(assignmentValueAt(text, 6).value, 'x y');
    assert.equal(assignmentValueAt(text, 14).value, null);
    assert.equal(assignmentValueAt(text, 19).value, '$F');
  });
  it('urlHost drops credentials; mask keeps at most 4 characters', () => {
    assert.equal(urlHost('https://user:secret@pypi.corp:8443/simple'), 'pypi.corp:8443');
    assert.equal(urlHost('not a url'), undefined);
    assert.equal(mask('supersecret'), 'supe…');
    assert.equal(mask('abc'), '…');
  });
});

describe('offsetReporter', () => {
  const model = new DockerfileModel('FROM alpine\nRUN apk add --allow-untrusted=1 curl\n');
  const collect = (dedupe?: 'start' | 'overlap') => {
    const reported: string[] = [];
    const reporter = offsetReporter(model, (range, message) => reported.push(`${message}@${model.textOf(range)}`), dedupe);
    return { reported, reporter };
  };
  const flag = { raw: '--allow-untrusted=1', value: '--allow-untrusted=1', start: 24, end: 43 };

  it('reports a --name=value flag on its name, another word whole', () => {
    const { reported, reporter } = collect();
    reporter.reportFlag(flag, 'a');
    reporter.reportFlag({ raw: 'curl', value: 'curl', start: 44, end: 48 }, 'b');
    assert.deepEqual(reported, ['a@--allow-untrusted', 'b@curl']);
  });

  it('drops a second report at the same offset; with overlap, any report overlapping an earlier one', () => {
    const byStart = collect();
    byStart.reporter.report(24, 43, 'first');
    byStart.reporter.report(24, 30, 'same start');
    byStart.reporter.report(30, 35, 'inside');
    assert.deepEqual(byStart.reported, ['first@--allow-untrusted=1', 'inside@w-unt']);
    const byOverlap = collect('overlap');
    byOverlap.reporter.report(24, 43, 'first');
    byOverlap.reporter.report(30, 35, 'inside');
    byOverlap.reporter.report(43, 48, 'after');
    assert.deepEqual(byOverlap.reported, ['first@--allow-untrusted=1', 'after@ curl']);
  });
});
