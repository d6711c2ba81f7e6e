/**
 * The edit half of "Pin to digest" for Compose `image:` (pure; the digest is given): the digest goes right after the
 * reference, so the tag, quotes, comments and the `${VAR:-default}` around it stay; references that cannot be pinned
 * in one place are refused with a reason. Each pin is applied and re-analysed: compose-image-not-pinned is gone for that
 * service and nothing new appears.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, initializeCore } from '../../server/core/engine';
import { ComposeModel } from '../../server/core/compose/model';
import { applyEdits } from '../../server/core/fixes/edits';
import type { Fix } from '../../server/core/types';
import { composePinFix, composePinTarget, composePinTargets, isComposePinRefusal } from '../../server/core/fixes/compose-pin';

const D1 = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'b'.repeat(64)}`;
const opts = { kind: 'compose' as const };

function pin(text: string, service: string, digest = D1): string {
  const model = new ComposeModel(text);
  const svc = model.services.find((s) => s.name === service)!;
  const fix = composePinFix(model, svc, digest);
  assert.ok(!isComposePinRefusal(fix), isComposePinRefusal(fix) ? fix.reason : '');
  assert.equal(fix.safe, false);
  const after = applyEdits(text, fix.edits);
  const count = (t: string) => analyze(t, opts).findings.filter((f) => f.ruleId === 'compose-image-not-pinned' && f.message.includes(`\`${service}\``)).length;
  assert.equal(count(after), 0, `pinned:\n${after}`);
  const others = (t: string) => analyze(t, opts).findings.filter((f) => f.ruleId !== 'compose-image-not-pinned').map((f) => f.ruleId).sort();
  // Nothing new (compose-image-latest-tag goes away too once a digest names the content).
  const was = others(text);
  assert.deepEqual(others(after).filter((id) => !was.includes(id)), []);
  return after;
}

function refusal(text: string, service: string): string {
  const model = new ComposeModel(text);
  const t = composePinTarget(model, model.services.find((s) => s.name === service)!);
  assert.ok(isComposePinRefusal(t), 'refused');
  return t.reason;
}

describe('compose image pin edits', () => {
  before(() => initializeCore());

  it('appends the digest to a plain value, keeping the tag and the comment', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27   # the front\n    read_only: true\n';
    assert.equal(pin(text, 'web'), `services:\n  web:\n    image: nginx:1.27@${D1}   # the front\n    read_only: true\n`);
  });

  it('keeps double and single quotes', () => {
    assert.equal(pin('services:\n  a:\n    image: "ghcr.io/org/app:2"\n', 'a'), `services:\n  a:\n    image: "ghcr.io/org/app:2@${D1}"\n`);
    assert.equal(pin("services:\n  a:\n    image: 'redis'\n", 'a'), `services:\n  a:\n    image: 'redis@${D1}'\n`);
  });

  it('pins inside a flow mapping and with CRLF line endings', () => {
    assert.equal(pin('services:\n  a: { image: nginx:1.27, read_only: true }\n', 'a'), `services:\n  a: { image: nginx:1.27@${D1}, read_only: true }\n`);
    assert.equal(pin('services:\r\n  a:\r\n    image: nginx:1.27\r\n', 'a'), `services:\r\n  a:\r\n    image: nginx:1.27@${D1}\r\n`);
  });

  it('pins the default of ${VAR:-image} and ${VAR-image}', () => {
    assert.equal(pin('services:\n  a:\n    image: ${A_IMAGE:-nginx:1.27}\n', 'a'), `services:\n  a:\n    image: \${A_IMAGE:-nginx:1.27@${D1}}\n`);
    assert.equal(pin('services:\n  a:\n    image: "${A_IMAGE-nginx:1.27}"\n', 'a'), `services:\n  a:\n    image: "\${A_IMAGE-nginx:1.27@${D1}}"\n`);
    const model = new ComposeModel('services:\n  a:\n    image: ${A_IMAGE:-nginx:1.27}\n');
    const fix = composePinFix(model, model.services[0], D1);
    assert.ok(!isComposePinRefusal(fix) && /the default of \$\{A_IMAGE\}/.test(fix.title));
  });

  it('replaces the digest of a pinned reference (refresh), and refuses when it is already that digest', () => {
    const pinned = `services:\n  a:\n    image: nginx:1.27@${D1} # pinned\n`;
    const model = new ComposeModel(pinned);
    const fix = composePinFix(model, model.services[0], D2);
    assert.ok(!isComposePinRefusal(fix));
    assert.match(fix.title, /^Refresh the digest of nginx:1\.27/);
    assert.equal(applyEdits(pinned, fix.edits), `services:\n  a:\n    image: nginx:1.27@${D2} # pinned\n`);
    assert.match((composePinFix(model, model.services[0], D1) as { reason: string }).reason, /already pinned/);
  });

  it('refuses what cannot be pinned in one place, saying why', () => {
    assert.match(refusal('services:\n  a:\n    image: ${REGISTRY:-docker.io}/nginx:1.27\n', 'a'), /assembled from variables and other text/);
    assert.match(refusal('services:\n  a:\n    image: ${A_IMAGE}\n', 'a'), /has no default to pin/);
    assert.match(refusal('services:\n  a:\n    image: ${A_IMAGE:-${B:-nginx}}\n', 'a'), /uses other variables/);
    assert.match(refusal('services:\n  a:\n    image: "nginx\\u003a1"\n', 'a'), /escapes or over several lines/);
    assert.match(refusal('services:\n  a:\n    build: .\n    image: me/app:dev\n', 'a'), /builds its image/);
  });

  it('lists each place once: services sharing an anchor are one target; pinned ones only with refresh', () => {
    const text = `services:\n  a:\n    image: &img nginx:1.27\n  b:\n    image: *img\n  c:\n    image: redis:7@${D1}\n  d:\n    image: \${X}\n`;
    const model = new ComposeModel(text);
    const { targets, refused } = composePinTargets(model);
    assert.deepEqual(targets.map((t) => t.reference), ['nginx:1.27']);
    assert.deepEqual(refused.map((r) => r.service.name), ['d']);
    assert.deepEqual(composePinTargets(model, true).targets.map((t) => t.reference), ['nginx:1.27', 'redis:7']);
    const after = applyEdits(text, targets.flatMap((t) => (composePinFix(model, t.service, D2) as Fix).edits));
    assert.match(after, new RegExp(`image: &img nginx:1\\.27@${D2}\n`));
    assert.equal(analyze(after, opts).findings.filter((f) => f.ruleId === 'compose-image-not-pinned').length, 0);
  });
});
