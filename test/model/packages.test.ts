import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initializeCore } from '../../server/core/engine';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import {
  displaySpec,
  judgeApk,
  judgeApt,
  judgeConstraint,
  judgeGem,
  judgeGo,
  judgeNpm,
  judgePip,
  judgeRpm,
  judgeRpmModule,
  judgeZypper,
  packageInstallOf,
  type PinVerdict,
} from '../../server/core/dockerfile/packages';

before(() => initializeCore());

type Kind = PinVerdict['kind'];

function table(judge: (v: string) => PinVerdict, cases: Record<Kind, string[]>): void {
  for (const [kind, values] of Object.entries(cases) as [Kind, string[]][]) {
    for (const v of values) assert.equal(judge(v).kind, kind, `${v} should be ${kind}`);
  }
}

describe('pin verdicts', () => {
  it('constraints: exact, compatible and upper bounds pin; lower bounds and exclusions alone do not', () => {
    table(judgeConstraint, {
      pinned: ['==1.2', '===1.2', '~=1.2', '=1.2', '<2', '<=2', '>=1,<2', '^1.2', '~1.2', '~> 1.2', '= 1.0'],
      unpinned: ['>=1', '>1', '!=1.3', '>=1,!=1.3', ''],
      'not-a-package': [],
    });
    assert.match((judgeConstraint('>=1.2') as { detail: string }).detail, />=/);
  });

  it('apt', () => {
    table(judgeApt, {
      pinned: ['curl=7.88.1-10', 'python-demjson=2.2.2*', 'git=1:2.5.0*', 'ruby=1:2.1.*', 'foo:arm64=1.0'],
      unpinned: ['curl', 'foo:arm64', 'curl/bookworm-backports', 'libcanberra-gtk*'],
      'not-a-package': ['./x.deb', '/tmp/*.deb', 'x_1.0_amd64.deb', 'foo-', '../pkgs/x.deb', 'dir/sub/x'],
    });
  });

  it('apk', () => {
    table(judgeApk, {
      pinned: ['curl=8.1-r0', 'bash~5.2', 'bash=~5.2', 'tini<1', 'tini=0.19@community'],
      unpinned: ['curl', 'curl>=8', 'tini@community', 'su-exec>0.2'],
      'not-a-package': ['./x.apk', '/tmp/x.apk', '!pkg', 'https://x/y'],
    });
  });

  it('pip', () => {
    table(judgePip, {
      pinned: ['flask==3.0', 'flask===3.0', 'flask~=3.0', 'flask[async]==3.0', 'flask>=2,<3', 'requests<3', 'pkg==1.*', 'pkg @ https://x/pkg.tar.gz', 'pkg@https://x/y', 'git+https://github.com/a/b.git@v1.0#egg=b', 'git+ssh://git@github.com/a/b.git@0123abc', 'pkg @ git+https://github.com/a/b@v1'],
      unpinned: ['flask', 'flask[async]', 'flask>=2', 'flask!=2.1', 'Django>1', 'git+https://github.com/a/b.git', 'git+https://github.com/a/b.git@main#egg=b', 'git+ssh://git@github.com/a/b.git', 'pkg @ git+https://github.com/a/b'],
      'not-a-package': ['.', './src', '/opt/pkg', '~/x', 'dist/x-1.0-py3-none-any.whl', 'x.tar.gz', 'https://x/y', 'src/pkg', 'file:///x'],
    });
  });

  it('npm', () => {
    table(judgeNpm, {
      pinned: ['typescript@5.4.5', '@angular/cli@17.0.1', 'yarn@1', 'yarn@^1.22', 'x@1.x', 'x@>=1 <2', 'x@1 || 2', 'a/b#abc123', 'github:a/b#v1.0', 'git+https://github.com/a/b.git#0123abc', 'x@npm:y@1.2.3', 'x@v1.2.3'],
      unpinned: ['typescript', '@angular/cli', 'npm@latest', 'pnpm@next', 'x@*', 'x@x', 'x@>=1', 'a/b', 'git+https://github.com/a/b.git', 'github:a/b#main', 'x@npm:y', 'x@'],
      'not-a-package': ['./dir', '/abs', '~/x', 'x.tgz', 'https://x/y.tgz', 'file:../x', 'https://registry/x'],
    });
  });

  it('gem', () => {
    table(judgeGem, {
      pinned: ['bundler:2.5.11', 'rake:~>13.0'],
      unpinned: ['bundler', 'rake:', 'rake:>=13'],
      'not-a-package': ['./x.gem', 'x-1.0.gem', '/tmp/y'],
    });
  });

  it('go', () => {
    table(judgeGo, {
      pinned: ['golang.org/x/tools/gopls@v0.16.1', 'github.com/a/b@0123abcd', 'github.com/a/b@v0.0.0-20240101000000-0123456789ab', 'example.com/x@<v2', 'example.com/x@release-1'],
      unpinned: ['golang.org/x/tools/gopls', 'golang.org/x/tools/gopls@latest', 'github.com/a/b@main', 'github.com/a/b@master', 'github.com/a/b@upgrade', 'github.com/a/b@>=v1.2', 'github.com/a/b/...', 'github.com/a/b@'],
      'not-a-package': ['.', './cmd/x', '../x', '/go/src/x', 'std', 'cmd/go', 'myapp/cmd/x', 'main.go', 'github.com/a/b@none'],
    });
  });

  it('yum/dnf', () => {
    table(judgeRpm, {
      pinned: ['httpd-2.4.6', 'httpd-2.4.6-99.el7', 'python3-devel-3.6.8-1.el8.x86_64', 'nginx-1:1.20*', 'pkg = 1.2', 'pkg<2'],
      unpinned: ['httpd', 'httpd.x86_64', 'python3-devel', 'java-11-openjdk', 'gcc-c++', 'dnf-command(config-manager)', 'pkg >= 1.2'],
      'not-a-package': ['/tmp/x.rpm', 'x-1.0.rpm', 'https://x/epel-release-latest-8.noarch.rpm', '@development', '/usr/bin/python3', './local'],
    });
    table(judgeRpmModule, { pinned: ['nodejs:18', 'nodejs:18/minimal'], unpinned: ['nodejs'], 'not-a-package': ['@x'] });
  });

  it('zypper', () => {
    table(judgeZypper, {
      pinned: ['curl=8.6.0', 'curl<9', 'curl = 8.6', 'vim-9.0', 'repo:curl-8.6'],
      unpinned: ['curl', 'curl>=8', 'repo:curl', 'curl.x86_64'],
      'not-a-package': ['/tmp/x.rpm', 'pattern:devel_basis', 'patch:x', 'https://x/y.rpm'],
    });
  });

  it('hides credentials in displayed specs', () => {
    assert.equal(displaySpec('git+https://user:tok3n@github.com/a/b.git'), 'git+https://github.com/a/b.git');
    assert.ok(displaySpec('x'.repeat(200)).length <= 80);
  });
});

function installOf(text: string) {
  const m = new DockerfileModel(text);
  return m.runCommands().map((r) => packageInstallOf(m, r.instruction, r.command)).filter((i) => i !== undefined);
}

describe('packageInstallOf', () => {
  it('sets option values aside', () => {
    const [apt] = installOf('FROM debian\nRUN apt-get install -y -t bookworm-backports -o Dpkg::Options::=--force-confnew curl');
    assert.deepEqual(apt.targets.map((t) => t.value), ['curl']);
    const [apk] = installOf('FROM alpine\nRUN apk add --no-cache --virtual .build-deps -X https://mirror/x gcc');
    assert.deepEqual(apk.targets.map((t) => t.value), ['gcc']);
    const [pip] = installOf('FROM python\nRUN pip install -r req.txt -i https://idx --target /opt flask -e git+https://h/a/b@v1#egg=b');
    assert.deepEqual(pip.targets.map((t) => t.value), ['flask', 'git+https://h/a/b@v1#egg=b']);
    const [go] = installOf('FROM golang\nRUN go install -ldflags "-s -w" -tags netgo example.com/x@v1');
    assert.deepEqual(go.targets.map((t) => t.value), ['example.com/x@v1']);
    const [gem] = installOf('FROM ruby\nRUN gem install -N -i /opt/gems rake -- --with-x=/y');
    assert.deepEqual(gem.targets.map((t) => t.value), ['rake']);
  });

  it('expands ARG/ENV package lists and labels the install as written', () => {
    const [apt] = installOf('FROM debian\nENV PKGS="curl=7.1 git"\nRUN apt install -y $PKGS');
    assert.equal(apt.label, 'apt install');
    assert.deepEqual(apt.targets.map((t) => [t.value, t.verdict.kind]), [['curl=7.1', 'pinned'], ['git', 'unpinned']]);
    const [pip] = installOf('FROM python\nRUN python3 -m pip install x');
    assert.equal(pip.label, 'python3 -m pip install');
  });

  it('only global npm installs; yarn global add; pnpm add -g', () => {
    assert.equal(installOf('FROM node\nRUN npm install express').length, 0);
    assert.equal(installOf('FROM node\nRUN npm i -g x')[0].label, 'npm i -g');
    assert.equal(installOf('FROM node\nRUN npm --location=global install x')[0].ecosystem, 'npm');
    assert.equal(installOf('FROM node\nRUN npm install --location global x')[0].targets[0].value, 'x');
    assert.equal(installOf('FROM node\nRUN yarn global add x')[0].targets[0].value, 'x');
    assert.equal(installOf('FROM node\nRUN pnpm add --global x')[0].targets[0].value, 'x');
  });

  it('constraint files make pip names pinned elsewhere', () => {
    assert.equal(installOf('FROM python\nRUN pip install -c c.txt flask')[0].targets.length, 0);
    assert.equal(installOf('FROM python\nENV PIP_CONSTRAINT=/c.txt\nRUN pip install flask')[0].targets.length, 0);
    assert.equal(installOf('FROM python\nRUN PIP_CONSTRAINT=/c.txt pip install flask')[0].targets.length, 0);
  });

  it('gem -v pins the gems named; a dynamic -v counts as a pin', () => {
    assert.equal(installOf('FROM ruby\nRUN gem install bundler -v 2.5')[0].targets[0].verdict.kind, 'pinned');
    assert.equal(installOf('FROM ruby\nRUN gem install bundler --version "$V"')[0].targets[0].verdict.kind, 'pinned');
    assert.equal(installOf("FROM ruby\nRUN gem install bundler -v '>= 2'")[0].targets[0].verdict.kind, 'unpinned');
  });

  it('go run judges only the package, not the program arguments', () => {
    const [run] = installOf('FROM golang\nRUN go run example.com/x@v1 example.com/arg');
    assert.deepEqual(run.targets.map((t) => t.value), ['example.com/x@v1']);
  });

  it('rpm: microdnf and tdnf are dnf; groups and zypper patterns name no packages', () => {
    assert.equal(installOf('FROM x\nRUN microdnf install -y nginx')[0].ecosystem, 'dnf');
    assert.equal(installOf('FROM x\nRUN tdnf install -y nginx')[0].ecosystem, 'dnf');
    assert.equal(installOf('FROM x\nRUN yum groupinstall -y "Development Tools"').length, 0);
    assert.equal(installOf('FROM x\nRUN zypper in -t pattern devel_basis')[0].targets.length, 0);
    const [z] = installOf('FROM x\nRUN zypper in curl = 8.6 vim');
    assert.deepEqual(z.targets.map((t) => [t.value, t.verdict.kind]), [['curl = 8.6', 'pinned'], ['vim', 'unpinned']]);
  });
});
