import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ComposeModel } from '../../server/core/compose/model';
import type { ComposeService } from '../../server/core/compose/model';
import { parsePortSpec, parseVolumeSpec } from '../../server/core/compose/short-syntax';
import { validateComposeSchema } from '../../server/core/compose/schema';
import { analyze } from '../../server/core/engine';
import type { Range } from '../../server/core/types';

const model = (lines: string[]) => new ComposeModel(lines.join('\n') + '\n');
/** 1-based `line:col-line:col`, as the CLI prints positions. */
const at = (r: Range | undefined) => (r ? `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}` : 'none');
const svc = (m: ComposeModel, name: string): ComposeService => {
  const s = m.service(name);
  assert.ok(s, `service ${name}`);
  return s;
};

describe('compose model: services and positions', () => {
  const m = model([
    'name: shop', // 1
    'services:', // 2
    '  web:', // 3
    '    image: nginx:1.27', // 4
    '    privileged: true', // 5
    '    user: "1000:1000"', // 6
    '  db:', // 7
    '    image: postgres:16', // 8
  ]);
  it('lists services with their key ranges', () => {
    assert.deepEqual(m.services.map((s) => s.name), ['web', 'db']);
    assert.equal(at(svc(m, 'web').keyRange), '3:3-3:6');
    assert.equal(svc(m, 'web').node?.range?.[0], m.text.indexOf('image'));
  });
  it('get() gives value, key and value ranges and the node', () => {
    const p = svc(m, 'web').get('privileged')!;
    assert.equal(p.value, true);
    assert.equal(p.bool(), true);
    assert.equal(at(p.keyRange), '5:5-5:15');
    assert.equal(at(p.valueRange), '5:17-5:21');
    assert.equal(p.via, undefined);
    assert.equal(svc(m, 'web').get('user')!.text, '1000:1000');
    assert.equal(at(svc(m, 'web').get('user')!.valueRange), '6:11-6:22');
    assert.equal(svc(m, 'db').get('privileged'), undefined);
    assert.equal(m.top('name')?.text, 'name' === 'name' ? 'shop' : '');
  });
  it('parses images with the Dockerfile image parser', () => {
    const ref = svc(m, 'db').image!.ref;
    assert.equal(ref.repository, 'postgres');
    assert.equal(ref.tag, '16');
  });
});

describe('compose model: anchors, aliases and merge keys', () => {
  const m = model([
    'x-base: &base', // 1
    '  restart: always', // 2
    '  privileged: true', // 3
    '  cap_add: [NET_ADMIN]', // 4
    'x-more: &more', // 5
    '  restart: "no"', // 6
    '  read_only: true', // 7
    'x-ports: &ports', // 8
    '  - "8080:80"', // 9
    'services:', // 10
    '  web:', // 11
    '    <<: *base', // 12
    '    image: nginx:1.27', // 13
    '    privileged: false', // 14
    '    ports: *ports', // 15
    '  api:', // 16
    '    <<: [*more, *base]', // 17
    '    image: api:1', // 18
    '  inline:', // 19
    '    <<: {tty: true}', // 20
    '    image: x', // 21
  ]);
  it('a merged value points at the anchor, with the merge as via', () => {
    const web = svc(m, 'web');
    const restart = web.get('restart')!;
    assert.equal(restart.text, 'always');
    assert.equal(at(restart.keyRange), '2:3-2:10');
    assert.equal(restart.via?.kind, 'merge');
    assert.equal(at(restart.via?.range), '12:9-12:14');
  });
  it('keys written in the mapping win over merged ones', () => {
    const p = svc(m, 'web').get('privileged')!;
    assert.equal(p.value, false);
    assert.equal(at(p.keyRange), '14:5-14:15');
    assert.equal(p.via, undefined);
  });
  it('in a list of merges, the earlier mapping wins', () => {
    const api = svc(m, 'api');
    assert.equal(api.get('restart')!.text, 'no');
    assert.equal(api.get('privileged')!.value, true);
    assert.equal(at(api.get('privileged')!.via?.range), '17:17-17:22');
    assert.equal(api.get('read_only')!.bool(), true);
  });
  it('an inline merged mapping works too', () => {
    assert.equal(svc(m, 'inline').get('tty')!.value, true);
  });
  it('entries() lists each effective key once, merged keys included', () => {
    assert.deepEqual(svc(m, 'web').keys().sort(), ['cap_add', 'image', 'ports', 'privileged', 'restart']);
    assert.deepEqual(svc(m, 'api').keys().sort(), ['cap_add', 'image', 'privileged', 'read_only', 'restart']);
  });
  it('an aliased list points at the anchor, with the alias as via', () => {
    const ports = svc(m, 'web').ports;
    assert.equal(ports.length, 1);
    assert.equal(at(ports[0].range), '9:5-9:14');
    assert.equal(at(ports[0].publishedRange), '9:6-9:10');
    assert.equal(ports[0].item.via?.kind, 'alias');
    assert.equal(at(ports[0].item.via?.range), '15:12-15:18');
  });
  it('typed lists see merged values', () => {
    assert.deepEqual(svc(m, 'web').list('cap_add').map((c) => c.text), ['NET_ADMIN']);
    assert.equal(at(svc(m, 'web').list('cap_add')[0].range), '4:13-4:22');
  });
  it('toJS applies merges', () => {
    const js = m.documents[0].root!.toJS() as { services: Record<string, Record<string, unknown>> };
    assert.equal(js.services.web.privileged, false);
    assert.equal(js.services.web.restart, 'always');
    assert.equal(js.services.api.restart, 'no');
    assert.deepEqual(js.services.web.ports, ['8080:80']);
  });
});

describe('compose model: extends', () => {
  const m = model([
    'services:', // 1
    '  base:', // 2
    '    image: app:1', // 3
    '    privileged: true', // 4
    '    cap_add: [SYS_ADMIN]', // 5
    '  web:', // 6
    '    extends: base', // 7
    '    cap_add: [NET_ADMIN]', // 8
    '  worker:', // 9
    '    extends:', // 10
    '      service: web', // 11
    '    privileged: false', // 12
    '  remote:', // 13
    '    extends:', // 14
    '      file: common.yaml', // 15
    '      service: base', // 16
    '  lost:', // 17
    '    extends: nowhere', // 18
    '  a:', // 19
    '    extends: b', // 20
    '  b:', // 21
    '    extends: a', // 22
  ]);
  it('layers the base service under the service, in the same file', () => {
    const web = svc(m, 'web');
    assert.equal(web.extends?.base?.name, 'base');
    const p = web.get('privileged')!;
    assert.equal(p.value, true);
    assert.equal(at(p.keyRange), '4:5-4:15');
    assert.equal(p.via?.kind, 'extends');
    assert.equal(at(p.via?.range), '7:5-7:12');
    assert.equal(web.image?.ref.repository, 'app');
  });
  it('merges lists as Compose does, and follows chains', () => {
    assert.deepEqual(svc(m, 'web').list('cap_add').map((c) => c.text), ['NET_ADMIN', 'SYS_ADMIN']);
    const worker = svc(m, 'worker');
    assert.equal(worker.get('privileged')!.value, false);
    assert.deepEqual(worker.list('cap_add').map((c) => c.text), ['NET_ADMIN', 'SYS_ADMIN']);
    assert.equal(worker.image?.ref.repository, 'app');
  });
  it('records what it cannot resolve', () => {
    assert.deepEqual([svc(m, 'remote').extends?.unresolved, svc(m, 'remote').extends?.file], ['file', 'common.yaml']);
    assert.equal(svc(m, 'remote').get('privileged'), undefined);
    assert.equal(svc(m, 'lost').extends?.unresolved, 'unknown-service');
    assert.equal(svc(m, 'a').extends?.unresolved, 'cycle');
    assert.equal(svc(m, 'b').extends?.unresolved, 'cycle');
    assert.deepEqual(svc(m, 'a').keys().sort(), ['extends']);
  });
});

describe('compose model: several documents', () => {
  const m = model([
    'version: "3"', // 1
    'services:', // 2
    '  web:', // 3
    '    image: nginx:1.25', // 4
    '    cap_add: [CHOWN]', // 5
    '    ports: ["80:80"]', // 6
    '    environment:', // 7
    '      A: "1"', // 8
    '      B: "2"', // 9
    '---', // 10
    'services:', // 11
    '  web:', // 12
    '    image: nginx:1.27', // 13
    '    cap_add: [NET_ADMIN]', // 14
    '    environment:', // 15
    '      B: "3"', // 16
    '  db:', // 17
    '    image: postgres:16', // 18
    '    ports: !reset []', // 19
    '---', // 20
    'services:', // 21
    '  web:', // 22
    '    ports: !override ["127.0.0.1:81:81"]', // 23
  ]);
  it('each document is a layer: the later value wins, services appear once', () => {
    assert.equal(m.documents.length, 3);
    assert.deepEqual(m.services.map((s) => s.name), ['web', 'db']);
    const web = svc(m, 'web');
    assert.equal(web.definitions.length, 3);
    assert.equal(web.image?.ref.tag, '1.27');
    assert.equal(at(web.keyRange), '3:3-3:6');
  });
  it('lists and environment merge across documents', () => {
    const web = svc(m, 'web');
    assert.deepEqual(web.list('cap_add').map((c) => c.text), ['NET_ADMIN', 'CHOWN']);
    assert.deepEqual(web.environment.map((e) => `${e.name}=${e.value}`), ['B=3', 'A=1']);
  });
  it('understands !override and !reset', () => {
    assert.deepEqual(svc(m, 'web').ports.map((p) => p.published), ['81']);
    assert.deepEqual(svc(m, 'db').ports, []);
    assert.equal(svc(m, 'db').get('ports'), undefined);
    assert.equal(m.version.length, 1);
  });
});

describe('compose model: ports', () => {
  const m = model([
    'services:',
    '  web:',
    '    image: x',
    '    ports:',
    '      - 80', // 5
    '      - "3000"', // 6
    '      - 8080:80', // 7
    '      - "127.0.0.1:8081:81/udp"', // 8
    '      - "127.0.0.1::82"', // 9
    '      - "[::1]:8083:83"', // 10
    '      - "9000-9010:9000-9010"', // 11
    '      - "${HOST_IP:-127.0.0.1}:${PORT:-8084}:84"', // 12
    '      - "${PORT}:85"', // 13
    '      - target: 86', // 14
    '        published: "8086"', // 15
    '        host_ip: 10.0.0.1', // 16
    '        protocol: udp', // 17
    '        mode: host', // 18
    '      - target: 87', // 19
  ]);
  const ports = svc(m, 'web').ports;
  const row = (i: number) => {
    const p = ports[i];
    return [p.syntax, p.hostIp ?? '-', p.published ?? '-', p.target ?? '-', p.protocol, p.known];
  };
  it('reads the short syntax', () => {
    assert.deepEqual(row(0), ['short', '-', '-', '80', 'tcp', true]);
    assert.deepEqual(row(1), ['short', '-', '-', '3000', 'tcp', true]);
    assert.deepEqual(row(2), ['short', '-', '8080', '80', 'tcp', true]);
    assert.deepEqual(row(3), ['short', '127.0.0.1', '8081', '81', 'udp', true]);
    assert.deepEqual(row(4), ['short', '127.0.0.1', '-', '82', 'tcp', true]);
    assert.deepEqual(row(5), ['short', '::1', '8083', '83', 'tcp', true]);
    assert.deepEqual(row(6), ['short', '-', '9000-9010', '9000-9010', 'tcp', true]);
    assert.deepEqual(ports[6].publishedPorts, { start: 9000, end: 9010 });
  });
  it('gives exact ranges of the parts', () => {
    assert.equal(at(ports[2].publishedRange), '7:9-7:13');
    assert.equal(at(ports[2].targetRange), '7:14-7:16');
    assert.equal(at(ports[3].hostIpRange), '8:10-8:19');
    assert.equal(at(ports[3].protocolRange), '8:28-8:31');
    assert.equal(at(ports[5].hostIpRange), '10:11-10:14');
  });
  it('interpolates: defaults are judged, unknown parts stay unknown', () => {
    assert.deepEqual(row(7), ['short', '127.0.0.1', '8084', '84', 'tcp', true]);
    const unknown = ports[8];
    assert.equal(unknown.known, false);
    assert.equal(unknown.publishedKnown, false);
    assert.equal(unknown.published, undefined);
    assert.equal(unknown.hostIp, undefined);
    assert.equal(unknown.hostIpKnown, true);
    assert.equal(unknown.target, '85');
    assert.equal(at(unknown.publishedRange), '13:10-13:17');
  });
  it('reads the long syntax', () => {
    assert.deepEqual(row(9), ['long', '10.0.0.1', '8086', '86', 'udp', true]);
    assert.equal(ports[9].mode, 'host');
    assert.equal(at(ports[9].publishedRange), '15:20-15:26');
    assert.deepEqual(row(10), ['long', '-', '-', '87', 'tcp', true]);
  });
  it('parsePortSpec handles the odd forms', () => {
    assert.equal(parsePortSpec('::1:8080:80')?.hostIp?.text, '::1');
    assert.equal(parsePortSpec('')?.target, undefined);
    assert.equal(parsePortSpec('[::1:80'), undefined);
    assert.equal(parsePortSpec('80/tcp')?.protocol?.text, 'tcp');
  });
});

describe('compose model: volumes', () => {
  const m = model([
    'services:',
    '  web:',
    '    image: x',
    '    volumes:',
    '      - /var/run/docker.sock:/var/run/docker.sock:ro', // 5
    '      - data:/data', // 6
    '      - ./conf:/etc/app:rw,z', // 7
    '      - /cache', // 8
    '      - ~/.ssh:/root/.ssh', // 9
    '      - /:/host:rshared', // 10
    '      - C:\\data:/data2', // 11
    '      - ${DATA_DIR:-./data}:/data3', // 12
    '      - ${DATA}:/data4', // 13
    '      - ${HOME}/x:/data5', // 14
    '      - type: bind', // 15
    '        source: /etc', // 16
    '        target: /host-etc', // 17
    '        read_only: true', // 18
    '        bind:', // 19
    '          propagation: shared', // 20
    '      - type: tmpfs', // 21
    '        target: /tmp', // 22
  ]);
  const vols = svc(m, 'web').volumes;
  const row = (i: number) => {
    const v = vols[i];
    return [v.syntax, v.type ?? '?', v.source ?? '-', v.target ?? '-', v.readOnly, v.propagation ?? '-'];
  };
  it('reads the short syntax', () => {
    assert.deepEqual(row(0), ['short', 'bind', '/var/run/docker.sock', '/var/run/docker.sock', true, '-']);
    assert.deepEqual(row(1), ['short', 'volume', 'data', '/data', false, '-']);
    assert.deepEqual(row(2), ['short', 'bind', './conf', '/etc/app', false, '-']);
    assert.deepEqual(row(3), ['short', 'volume', '-', '/cache', false, '-']);
    assert.deepEqual(row(4), ['short', 'bind', '~/.ssh', '/root/.ssh', false, '-']);
    assert.deepEqual(row(5), ['short', 'bind', '/', '/host', false, 'rshared']);
    assert.deepEqual(row(6), ['short', 'bind', 'C:\\data', '/data2', false, '-']);
  });
  it('gives exact ranges of the parts', () => {
    assert.equal(at(vols[0].sourceRange), '5:9-5:29');
    assert.equal(at(vols[0].targetRange), '5:30-5:50');
    assert.equal(at(vols[0].readOnlyRange), '5:51-5:53');
    assert.equal(at(vols[2].modeRange), '7:25-7:29');
    assert.equal(at(vols[5].propagationRange), '10:17-10:24');
  });
  it('interpolates sources', () => {
    assert.deepEqual(row(7), ['short', 'bind', './data', '/data3', false, '-']);
    assert.deepEqual([vols[8].type, vols[8].source, vols[8].known], [undefined, undefined, false]);
    assert.deepEqual([vols[9].type, vols[9].source, vols[9].target], ['bind', undefined, '/data5']);
  });
  it('reads the long syntax', () => {
    assert.deepEqual(row(10), ['long', 'bind', '/etc', '/host-etc', true, 'shared']);
    assert.equal(at(vols[10].propagationRange), '20:24-20:30');
    assert.equal(at(vols[10].readOnlyRange), '18:20-18:24');
    assert.deepEqual(row(11), ['long', 'tmpfs', '-', '/tmp', false, '-']);
  });
  it('parseVolumeSpec splits options', () => {
    assert.deepEqual(parseVolumeSpec('data:/b:ro,z').options.map((o) => o.text), ['ro', 'z']);
    // A one-letter source is a drive letter, as compose-go reads it.
    assert.equal(parseVolumeSpec('c:/b:ro').source?.text, 'c:/b');
    assert.equal(parseVolumeSpec('/b').source, undefined);
  });
});

describe('compose model: environment', () => {
  const m = model([
    'services:',
    '  list:',
    '    image: x',
    '    environment:',
    '      - PASSWORD=hunter2', // 5
    '      - TOKEN=${TOKEN}', // 6
    '      - LEVEL=${LEVEL:-info}', // 7
    '      - FROM_SHELL', // 8
    '      - "QUOTED=a b"', // 9
    '  map:',
    '    image: x',
    '    environment:',
    '      PASSWORD: hunter2', // 13
    '      PORT: 8080', // 14
    '      EMPTY:', // 15
    '      BLANK: ""', // 16
    '      TOKEN: ${TOKEN}', // 17
  ]);
  it('reads the KEY=VALUE list with ranges of name and value', () => {
    const env = svc(m, 'list').environment;
    assert.deepEqual(env.map((e) => [e.name, e.value ?? null, e.hasValue, e.known, e.syntax]), [
      ['PASSWORD', 'hunter2', true, true, 'list'],
      ['TOKEN', null, true, false, 'list'],
      ['LEVEL', 'info', true, true, 'list'],
      ['FROM_SHELL', null, false, true, 'list'],
      ['QUOTED', 'a b', true, true, 'list'],
    ]);
    assert.equal(at(env[0].nameRange), '5:9-5:17');
    assert.equal(at(env[0].valueRange), '5:18-5:25');
    assert.equal(at(env[4].nameRange), '9:10-9:16');
    assert.equal(env[1].raw, '${TOKEN}');
  });
  it('reads the map form', () => {
    const env = svc(m, 'map').environment;
    assert.deepEqual(env.map((e) => [e.name, e.value ?? null, e.hasValue, e.known, e.syntax]), [
      ['PASSWORD', 'hunter2', true, true, 'map'],
      ['PORT', '8080', true, true, 'map'],
      ['EMPTY', null, false, true, 'map'],
      ['BLANK', '', true, true, 'map'],
      ['TOKEN', null, true, false, 'map'],
    ]);
    assert.equal(at(env[0].nameRange), '13:7-13:15');
    assert.equal(at(env[0].valueRange), '13:17-13:24');
  });
});

describe('compose model: other typed accessors', () => {
  const m = model([
    'services:',
    '  web:',
    '    image: ${REGISTRY}/web:1',
    '    build: ./web',
    '    user: root',
    '    security_opt:',
    '      - no-new-privileges:true',
    '      - seccomp:unconfined',
    '    cap_drop: [ALL]',
    '    healthcheck:',
    '      test: ["NONE"]',
    '    deploy:',
    '      resources:',
    '        limits:',
    '          memory: 256M',
    '          cpus: "0.5"',
    '    networks: [front, back]',
    '    privileged: "yes"',
    '  api:',
    '    build:',
    '      context: ./api',
    '      dockerfile: Dockerfile.prod',
    '      target: runtime',
    '    healthcheck:',
    '      disable: true',
    '    networks:',
    '      front:',
    '        aliases: [api]',
    'networks:',
    '  front:',
    '  back:',
    'secrets:',
    '  db_pw:',
    '    file: ./db_pw.txt',
    'volumes:',
    '  data: {}',
  ]);
  it('image with an unknown variable', () => {
    const img = svc(m, 'web').image!;
    assert.equal(img.ref.raw, '${REGISTRY}/web:1');
    assert.equal(img.ref.resolved, undefined);
    assert.equal(img.entry.known, false);
  });
  it('build in both forms', () => {
    assert.equal(svc(m, 'web').build?.context?.text, './web');
    const b = svc(m, 'api').build!;
    assert.deepEqual([b.context?.text, b.dockerfile?.text, b.target?.text], ['./api', 'Dockerfile.prod', 'runtime']);
  });
  it('user, security_opt, cap_drop, healthcheck, limits, networks', () => {
    const web = svc(m, 'web');
    assert.equal(web.get('user')?.text, 'root');
    assert.deepEqual(web.list('security_opt').map((s) => s.text), ['no-new-privileges:true', 'seccomp:unconfined']);
    assert.deepEqual(web.list('cap_drop').map((s) => s.text), ['ALL']);
    assert.equal(web.healthcheck?.disabled, true);
    assert.equal(svc(m, 'api').healthcheck?.disabled, true);
    assert.equal(web.limit('memory')?.text, '256M');
    assert.equal(web.limit('cpus')?.number(), 0.5);
    assert.equal(web.limit('pids'), undefined);
    assert.deepEqual(web.networks.map((n) => n.name), ['front', 'back']);
    assert.deepEqual(svc(m, 'api').networks.map((n) => n.name), ['front']);
    assert.equal(web.bool('privileged'), true);
  });
  it('top-level networks, secrets, volumes', () => {
    assert.deepEqual(m.named('networks').map((n) => n.key), ['front', 'back']);
    assert.deepEqual(m.named('secrets').map((n) => n.key), ['db_pw']);
    assert.deepEqual(m.named('volumes').map((n) => n.key), ['data']);
    assert.equal(m.version.length, 0);
  });
});

describe('compose model: robustness', () => {
  it('keeps what parsed after a YAML error', () => {
    const m = model(['services:', '  web:', '    image: nginx', '    image: redis', '  db:', '    image: postgres:16', '    privileged: true']);
    assert.ok(m.problems.length > 0);
    assert.equal(svc(m, 'db').bool('privileged'), true);
  });
  it('never throws on odd input', () => {
    for (const text of ['', '\n', '---', '--- |\n  x', '[', '{', ':', '- - -', '? : :', '\t', '\u0000', '&a', '*a', '!!', '%YAML 1.2\n---\n', 'services: [1, 2]', 'services:\n  - web', 'services: 5', 'services:\n  web: 5', 'services:\n  web:\n    ports: 80\n    volumes: /x\n    environment: A=1']) {
      const m = new ComposeModel(text);
      for (const s of m.services) {
        void [s.ports, s.volumes, s.environment, s.list('cap_add'), s.image, s.build, s.healthcheck, s.networks, s.keys()];
      }
      const r = analyze(text, { kind: 'compose' });
      assert.deepEqual(r.ruleErrors, [], JSON.stringify(text));
    }
  });
  it('refuses an alias bomb quickly and without expanding it', () => {
    let src = 'x-a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 1; i < 12; i++) src += `x-a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
    src += 'services:\n  x:\n    image: nginx\n    ports: *a11\n';
    const started = Date.now();
    const m = new ComposeModel(src);
    const x = svc(m, 'x');
    assert.deepEqual(x.ports, []);
    assert.ok(m.documents[0].aliasesRefused);
    assert.ok(m.problems.some((p) => p.code === 'ALIAS_REFUSED'));
    analyze(src, { kind: 'compose' });
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });
  it('analyzes a large file in reasonable time', () => {
    const parts = ['x-d: &d\n  restart: always\n  logging: {driver: json-file}\nservices:\n'];
    for (let i = 0; i < 3000; i++) {
      parts.push(`  s${i}:\n    <<: *d\n    image: registry.example.com/app${i}:1.${i}\n    ports: ["127.0.0.1:${10000 + i}:80"]\n    environment:\n      - A${i}=x\n    volumes:\n      - ./d${i}:/data:ro\n`);
    }
    const text = parts.join('');
    const started = Date.now();
    // The model, every service's typed values and the schema check (the rules' own costs are theirs).
    const m = new ComposeModel(text);
    for (const s of m.services) void [s.ports, s.volumes, s.environment, s.image, s.keys(), s.get('restart')?.text];
    assert.deepEqual(validateComposeSchema(m), []);
    assert.equal(m.services.length, 3000);
    assert.ok(Date.now() - started < 15000, `took ${Date.now() - started} ms for ${text.length} characters`);
  });
  it('survives deep nesting', () => {
    const deep = 'services:\n  web:\n    labels: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
    const r = analyze(deep, { kind: 'compose' });
    assert.deepEqual(r.ruleErrors, []);
  });
});
