/**
 * The Compose pin edit over every real-world Compose file of ../shared/corpus/compose: for each image that can be
 * pinned, the edit changes exactly that image (it then reads `reference@digest`, interpolated), the file parses to the
 * same YAML otherwise, and compose-image-not-pinned no longer reports the service. Files that do not parse as YAML
 * (deliberately broken fixtures) are only checked for not throwing.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyze, initializeCore } from '../../server/core/engine';
import { ComposeModel } from '../../server/core/compose/model';
import { applyEdits } from '../../server/core/fixes/edits';
import { composePinFix, composePinTargets, isComposePinRefusal } from '../../server/core/fixes/compose-pin';
import { sharedDir } from '../helpers/shared';

const D = `sha256:${'c'.repeat(64)}`;
const dir = path.join(sharedDir(), 'corpus', 'compose');

/** Every service's plain value, with the images of `except` removed (they are compared separately). */
function servicesWithout(model: ComposeModel, except: Set<string>): unknown {
  return model.services.map((s) => {
    const value = s.definitions.map((d) => d.toJS()) as Array<Record<string, unknown> | null>;
    return [s.name, value.map((v) => (v && typeof v === 'object' && except.has(s.name) ? { ...v, image: undefined } : v))];
  });
}

describe('compose pin edits over the corpus', () => {
  before(() => initializeCore());

  it('pin exactly the image, in every corpus file', () => {
    const files = fs.readdirSync(dir).sort();
    assert.ok(files.length > 300, `expected the full corpus, found ${files.length} files`);
    let pinned = 0;
    let refused = 0;
    for (const name of files) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const model = new ComposeModel(text);
      const { targets, refused: no } = composePinTargets(model, true);
      refused += no.length;
      if (model.problems.some((p) => p.severity === 'error')) continue;
      for (const target of targets) {
        const fix = composePinFix(model, target.service, D);
        if (isComposePinRefusal(fix)) {
          assert.match(fix.reason, /already pinned/, `${name}: ${target.service.name}`);
          continue;
        }
        const after = applyEdits(text, fix.edits, model.lines);
        const again = new ComposeModel(after);
        assert.deepEqual(again.problems.filter((p) => p.severity === 'error'), [], `${name}: ${target.service.name} still parses`);
        // Every service using the same written value (an anchor) changes with it.
        const changed = new Set(
          model.services
            .filter((s) => {
              const [a, b] = s.image?.entry.offsets ?? [-1, -1];
              return a <= target.digestStart && target.digestStart <= b;
            })
            .map((s) => s.name),
        );
        for (const svc of changed) {
          const image = again.services.find((s) => s.name === svc)?.image;
          assert.equal(image?.ref.resolved, `${target.reference}@${D}`, `${name}: ${svc}`);
        }
        assert.deepEqual(servicesWithout(again, changed), servicesWithout(model, changed), `${name}: only the image changed`);
        const unpinned = analyze(after, { kind: 'compose' }).findings.filter((f) => f.ruleId === 'compose-image-not-pinned' && f.message.includes(`\`${target.service.name}\``));
        assert.deepEqual(unpinned.map((f) => f.message), [], `${name}: ${target.service.name}`);
        pinned++;
      }
    }
    assert.ok(pinned > 250, `pinned ${pinned} images`);
    console.log(`# compose pin corpus: ${pinned} images pinned and re-checked, ${refused} refused with a reason`);
  });
});
