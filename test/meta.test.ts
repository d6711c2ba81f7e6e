/**
 * The rule catalog (../shared/spec/rules.md) is the product's contract: every registered rule must match its row
 * (id, default severity, aliases), carry complete metadata, and its documented example must behave as documented.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initializeCore } from '../server/core/engine';
import fs from 'node:fs';
import path from 'node:path';
import { allRules, getRule } from '../server/core/rules';
import { findingsFor } from './helpers/rule-tester';
import { projectRoot, specRows } from './helpers/shared';

const rows = specRows();
const rowOf = (id: string) => rows.find((r) => r.ids.includes(id));

/** Rows of the spec that later issues deliver; everything else in these tables must be registered. */
const DEFERRED = new Set<string>([]);
const TABLES_IN_SCOPE = [
  'Dockerfile — security',
  'Dockerfile — supply chain and hygiene',
  'Dockerfile — correctness',
  'Compose — security',
  'Compose — correctness',
];
/** Fixes a face offers after a registry look-up (pin to digest: server/registry), not the core on its own. */
const FIX_LATER = new Set(['image-not-pinned', 'compose-image-not-pinned']);
/** Rules the engine reports about Bulwark's own input (suppression comments), not catalog checks. */
const ENGINE_RULES = new Set(['invalid-suppression', 'file-too-large']);
/**
 * Compose counterparts of catalog rules that the catalog does not list yet (issue #7: trusted registries and
 * end-of-life images apply to Compose `image:` too): each takes its Dockerfile rule's row for severity.
 */
const COUNTERPARTS = new Map([
  ['compose-untrusted-registry', 'untrusted-registry'],
  ['compose-eol-image', 'eol-base-image'],
]);

before(() => initializeCore());

describe('rule catalog contract', () => {
  it('every in-scope spec row is a registered rule', () => {
    const missing = rows
      .filter((r) => TABLES_IN_SCOPE.includes(r.table))
      .flatMap((r) => r.ids)
      .filter((id) => !DEFERRED.has(id) && !getRule(id));
    assert.deepEqual(missing, []);
  });

  it('the rules of a combined row share out all of its aliases', () => {
    for (const row of rows.filter((r) => r.ids.length > 1 && r.ids.every((id) => getRule(id)))) {
      const union = new Set(row.ids.flatMap((id) => getRule(id)!.meta.aliases));
      assert.deepEqual([...union].sort(), [...row.aliases].sort(), row.ids.join(' / '));
    }
  });

  it('rule ids are unique', () => {
    const ids = allRules.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  for (const rule of allRules) {
    const meta = rule.meta;
    describe(meta.id, () => {
      it('matches its spec row (severity, aliases)', () => {
        const row = rowOf(meta.id);
        if (ENGINE_RULES.has(meta.id)) {
          assert.equal(row, undefined, 'an engine rule must not shadow a catalog id');
          return;
        }
        const counterpart = COUNTERPARTS.get(meta.id);
        if (counterpart && !row) {
          const base = rowOf(counterpart);
          assert.ok(base, `${counterpart} (counterpart of ${meta.id}) is not in the spec`);
          assert.equal(meta.severity, base.severity);
          return;
        }
        assert.ok(row, `${meta.id} is not in the spec`);
        assert.equal(meta.severity, row.severity);
        if (row.ids.length === 1) assert.deepEqual([...meta.aliases].sort(), [...row.aliases].sort());
        else {
          // A row naming several rules shares one alias list: each rule takes its part of it.
          for (const a of meta.aliases) assert.ok(row.aliases.includes(a), `alias ${a} is not in the row`);
        }
      });
      it('has complete metadata', () => {
        for (const key of ['title', 'description', 'rationale', 'howToFix'] as const) {
          assert.ok(meta[key].trim().length >= (key === 'title' ? 5 : 20), `${key} is missing or too short`);
        }
        assert.match(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        for (const ref of meta.references) assert.match(ref.url, /^https:\/\//, `reference ${ref.title}`);
        const row = rowOf(meta.id);
        if (row?.aliases.some((a) => a.startsWith('CIS'))) {
          assert.ok(meta.references.some((r) => r.title.includes('CIS')), 'a CIS item is listed in the spec: reference it');
        }
      });
      it('example.bad triggers the rule and example.good does not', () => {
        const options = meta.exampleOptions;
        assert.ok(findingsFor(rule, { code: meta.example.bad, options }).length > 0, `example.bad:\n${meta.example.bad}`);
        assert.equal(findingsFor(rule, { code: meta.example.good, options }).length, 0, `example.good:\n${meta.example.good}`);
      });
      it('offers a fix on its example when the catalog names one', () => {
        const row = rowOf(meta.id);
        if (!row || row.fix.trim().startsWith('—') || FIX_LATER.has(meta.id)) return;
        const fixes = findingsFor(rule, { code: meta.example.bad, options: meta.exampleOptions }).flatMap((f) => f.fixes ?? []);
        assert.ok(fixes.length > 0, `the catalog names a fix ("${row.fix}") but example.bad offers none`);
      });
      it('has a generated documentation page', () => {
        assert.ok(fs.existsSync(path.join(projectRoot, 'docs', 'rules', `${meta.id}.md`)));
      });
    });
  }

  it('resolves rules by alias, case-insensitively', () => {
    const byDl = getRule('dl3004');
    assert.equal(byDl?.meta.id, 'no-sudo');
  });
});
