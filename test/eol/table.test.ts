/**
 * The end-of-life table is data the product ships: it must be well-formed, cite its sources, cover the families the
 * issue lists, and every suggested replacement must itself be supported for a while after the table's `checked` date.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eolFinding, eolInfo, eolTable, isoDay, tagHasPrefix } from '../../server/core/eol/eol';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('end-of-life table', () => {
  it('is dated and every entry has a valid date and an https source', () => {
    assert.match(eolTable.checked, DAY);
    for (const f of eolTable.families) {
      assert.match(f.source, /^https:\/\//, f.family);
      assert.ok(f.releases.length > 0, f.family);
      for (const r of f.releases) {
        assert.match(r.eol, DAY, `${f.family} ${r.release}`);
        assert.ok(!Number.isNaN(Date.parse(r.eol)), `${f.family} ${r.release}`);
        assert.ok(r.tags.length > 0, `${f.family} ${r.release}`);
        if (Array.isArray(r.replacement)) assert.equal(r.replacement.length, r.tags.length, `${f.family} ${r.release}: one replacement per tag`);
        if (r.eol <= eolTable.checked) assert.ok(r.replacement, `${f.family} ${r.release} is past end of life and needs a replacement`);
      }
    }
  });

  it('covers the families the issue lists', () => {
    const families = new Set(eolTable.families.map((f) => f.family));
    for (const f of ['debian', 'ubuntu', 'alpine', 'centos', 'rockylinux', 'almalinux', 'node', 'python', 'php', 'ruby', 'golang', 'openjdk', 'eclipse-temurin', 'nginx', 'postgres', 'mysql', 'redis']) {
      assert.ok(families.has(f), f);
    }
  });

  it('suggests replacements that are supported for six months after it was checked', () => {
    const later = addDays(eolTable.checked, 183);
    for (const f of eolTable.families) {
      const image = f.images[0];
      for (const r of f.releases) {
        const tags = r.tags.filter((t) => t !== '*');
        for (const [i, tag] of (tags.length ? tags : ['latest']).entries()) {
          const reference = `${image}:${tag}`;
          const info = eolInfo(reference, eolTable.checked);
          if (!info.release?.isEol) continue;
          assert.ok(info.release.replacement, `${reference} has no replacement`);
          assert.equal(eolFinding(info.release.replacement, later), undefined, `${reference} -> ${info.release.replacement} is itself past end of life on ${later}`);
          void i;
        }
      }
    }
  });

  it('matches tags by version component', () => {
    assert.ok(tagHasPrefix('16.20.2-alpine', '16'));
    assert.ok(tagHasPrefix('8u342-jdk', '8'));
    assert.ok(tagHasPrefix('1.20rc1', '1.20'));
    assert.ok(!tagHasPrefix('160', '16'));
    assert.ok(!tagHasPrefix('3.10', '3.1'));
    assert.ok(!tagHasPrefix('stretchy', 'stretch'));
    assert.equal(eolInfo('mysql:5.6.51', '2026-11-22').release?.release.release, '5.6');
    assert.equal(eolInfo('mysql:5', '2026-11-22').release?.release.release, '5.7');
  });

  it('reports dates against the given day', () => {
    assert.equal(eolFinding('node:20', '2026-04-29'), undefined);
    assert.equal(eolFinding('node:20', '2026-04-30')?.eol, '2026-04-30');
    assert.equal(isoDay(new Date('2026-11-22T23:59:00Z')), '2026-11-22');
    assert.throws(() => isoDay('22/11/2026'), /YYYY-MM-DD/);
  });

  it('applies to Docker Hub mirrors and all Docker Hub spellings', () => {
    for (const ref of ['node:14', 'docker.io/library/node:14', 'index.docker.io/library/node:14', 'public.ecr.aws/docker/library/node:14', 'mirror.gcr.io/library/node:14']) {
      assert.equal(eolFinding(ref, '2026-11-22')?.release.release, '14 (fermium)', ref);
    }
    assert.equal(eolFinding('registry.corp/library/node:14', '2026-11-22'), undefined);
  });

  it('judges distribution suffixes of official images only', () => {
    assert.equal(eolFinding('python:3.12-slim-buster', '2026-11-22')?.label, 'Debian 10 (buster)');
    assert.equal(eolFinding('eclipse-temurin:21-jre-focal', '2026-11-22')?.replacement, 'eclipse-temurin:21-jre');
    assert.equal(eolFinding('myorg/app:1-buster', '2026-11-22'), undefined);
  });
});
