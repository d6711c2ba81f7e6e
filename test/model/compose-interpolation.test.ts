import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasInterpolation, interpolate } from '../../server/core/compose/interpolation';

describe('compose interpolation', () => {
  const known = (text: string, value: string) => {
    const i = interpolate(text);
    assert.equal(i.known, true, text);
    assert.equal(i.value, value, text);
  };
  const unknown = (text: string) => {
    const i = interpolate(text);
    assert.equal(i.known, false, text);
    assert.equal(i.value, undefined, text);
  };

  it('passes text without variables through', () => {
    known('nginx:1.27', 'nginx:1.27');
    known('', '');
  });
  it('uses defaults of :- and -', () => {
    known('${TAG:-1.27}', '1.27');
    known('nginx:${TAG-1.27}', 'nginx:1.27');
    known('${A:-x}-${B-y}', 'x-y');
    known('${EMPTY:-}', '');
    known('${HOST:-127.0.0.1}:${PORT:-8080}:80', '127.0.0.1:8080:80');
  });
  it('interpolates nested defaults', () => {
    known('${A:-${B:-deep}}', 'deep');
    unknown('${A:-${B}}');
  });
  it('treats $$ as a literal dollar', () => {
    known('echo $$HOME', 'echo $HOME');
    known('$$', '$');
    assert.equal(hasInterpolation('echo $$HOME'), false);
    assert.equal(hasInterpolation('echo $HOME'), true);
  });
  it('does not guess variables without a default', () => {
    unknown('${TAG}');
    unknown('$TAG');
    unknown('nginx:${TAG}');
    unknown('${A:-1}${B}');
    unknown('${PASSWORD:?set it}');
    unknown('${PASSWORD?set it}');
    unknown('${DEBUG:+--debug}');
    unknown('${DEBUG+--debug}');
  });
  it('reports the references with offsets and operators', () => {
    const i = interpolate('a ${X:-1} $Y ${Z:?no}');
    assert.deepEqual(
      i.variables.map((v) => [v.name, v.start, v.end, v.operator, v.argument, v.braced]),
      [
        ['X', 2, 9, ':-', '1', true],
        ['Y', 10, 12, undefined, undefined, false],
        ['Z', 13, 21, ':?', 'no', true],
      ],
    );
  });
  it('flags templates Compose rejects', () => {
    for (const bad of ['${}', '${1A}', '${A', '$(date)', 'cost: 5$', '${A B}']) {
      const i = interpolate(bad);
      assert.equal(i.known, false, bad);
      assert.ok(i.invalid, bad);
    }
  });
  it('runs in linear time on long inputs', () => {
    const started = Date.now();
    interpolate('${'.repeat(50_000));
    interpolate('$'.repeat(100_000));
    interpolate('${A:-'.repeat(20_000) + 'x' + '}'.repeat(20_000));
    assert.ok(Date.now() - started < 2000);
  });
});
