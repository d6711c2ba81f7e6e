/**
 * The end-of-life table is data the product ships: it must be well-formed, cite a source and a check date on every
 * row, cover the families the issue lists, match tags unambiguously, and every suggested replacement must itself be
 * supported for a while after the table's `checked` date.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eolFinding, eolInfo, eolTable, isoDay, tagHasPrefix } from '../../server/core/eol/eol';
import { parseImageName } from '../../server/core/dockerfile/image-name';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** A real calendar day: `2026-02-30` parses in some engines but does not round-trip. */
const isDay = (d: string) => DAY.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
const rows = eolTable.families.flatMap((f) => f.releases.map((r) => ({ f, r, what: `${f.family} ${r.release}` })));

describe('end-of-life table', () => {
  it('is dated; every row has a real date, an https source and the day it was checked', () => {
    assert.ok(isDay(eolTable.checked));
    for (const f of eolTable.families) {
      assert.match(f.source, /^https:\/\//, f.family);
      assert.ok(f.releases.length > 0, f.family);
    }
    for (const { r, what } of rows) {
      assert.ok(isDay(r.eol), `${what}: eol ${r.eol}`);
      assert.match(r.source, /^https:\/\/[^\s]+$/, `${what}: source`);
      assert.ok(isDay(r.checked) && r.checked <= eolTable.checked, `${what}: checked ${r.checked}`);
      assert.ok(r.tags.length > 0, what);
      if (Array.isArray(r.replacement)) assert.equal(r.replacement.length, r.tags.length, `${what}: one replacement per tag`);
    }
  });

  it('has a replacement for every release that is past its end, or ends within six months of the check', () => {
    const horizon = addDays(eolTable.checked, 183);
    for (const { r, what } of rows) if (r.eol <= horizon) assert.ok(r.replacement, `${what} (${r.eol}) needs a replacement`);
  });

  it('covers the families the issue lists', () => {
    const families = new Set(eolTable.families.map((f) => f.family));
    for (const f of ['debian', 'ubuntu', 'alpine', 'centos', 'rockylinux', 'almalinux', 'node', 'python', 'php', 'ruby', 'golang', 'openjdk', 'eclipse-temurin', 'nginx', 'postgres', 'mysql', 'redis']) {
      assert.ok(families.has(f), f);
    }
  });

  it('matches unambiguously: no image in two families, no tag prefix in two releases, distro names unique', () => {
    const images = new Map<string, string>();
    for (const f of eolTable.families) {
      for (const image of f.images) {
        const n = parseImageName(image);
        assert.ok(n, `${f.family}: ${image} parses`);
        const key = `${n.registry}/${n.repository}`;
        assert.equal(images.get(key), undefined, `${key} is in ${images.get(key)} and ${f.family}`);
        images.set(key, f.family);
      }
      const prefixes = new Map<string, string>();
      for (const r of f.releases) {
        for (const t of r.tags) {
          assert.match(t, /^(\*|[a-z0-9][a-z0-9._-]*)$/, `${f.family} ${r.release}: tag prefix ${t}`);
          assert.equal(prefixes.get(t), undefined, `${f.family}: ${t} is in ${prefixes.get(t)} and ${r.release}`);
          prefixes.set(t, r.release);
        }
      }
      if (f.exclude) assert.doesNotThrow(() => new RegExp(f.exclude!), f.family);
    }
    // Codenames judge other images' variant suffixes: one distribution each, never a variant word.
    const codenames = new Map<string, string>();
    for (const f of eolTable.families.filter((x) => x.distro)) {
      for (const r of f.releases) {
        for (const t of r.tags.filter((x) => /^[a-z]+$/.test(x))) {
          assert.ok(!['slim', 'alpine', 'jdk', 'jre', 'fpm', 'apache', 'cli', 'zts', 'perl', 'otel', 'windowsservercore', 'nanoserver', 'lts', 'stable', 'mainline', 'latest', 'oracle', 'debian'].includes(t), t);
          assert.equal(codenames.get(t), undefined, `${t} in two distributions`);
          codenames.set(t, `${f.family} ${r.release}`);
        }
      }
    }
  });

  it('suggests replacements that are supported for six months after it was checked', () => {
    const later = addDays(eolTable.checked, 183);
    for (const { f, r, what } of rows) {
      // Releases still supported at `later` with no replacement yet are checked once they get one.
      if (r.eol > later && !r.replacement) continue;
      const tags = r.tags.filter((t) => t !== '*');
      for (const tag of tags.length ? tags : ['latest']) {
        for (const variant of ['', '-slim', '-alpine']) {
          const reference = `${f.images[0]}:${tag}${variant}`;
          const info = eolInfo(reference, r.eol);
          if (!info.release?.isEol) continue;
          assert.ok(info.release.replacement, `${what}: ${reference} has no replacement`);
          assert.equal(eolFinding(info.release.replacement, later), undefined, `${reference} -> ${info.release.replacement} is itself past end of life on ${later}`);
        }
      }
    }
  });

  it('keeps the variant in the suggestion, dropping end-of-life distribution suffixes', () => {
    const today = eolTable.checked;
    const cases: Array<[string, string | undefined]> = [
      ['node:18-alpine', 'node:24-alpine'],
      ['node:16-alpine3.16', 'node:24-alpine'],
      ['node:18-bullseye-slim', 'node:24-slim'],
      ['node:14-stretch', 'node:24'],
      ['node:8-onbuild', 'node:24'],
      ['python:3.9-slim-bullseye', 'python:3.11-slim'],
      ['python:3.8-alpine3.18', 'python:3.11-alpine'],
      ['debian:buster-slim', 'debian:bookworm-slim'],
      ['debian:10-slim', 'debian:12-slim'],
      ['ubuntu:bionic', 'ubuntu:noble'],
      ['ubuntu:18.04', 'ubuntu:24.04'],
      ['postgres:12.17-bookworm', 'postgres:15-bookworm'],
      ['postgres:14-alpine3.20', 'postgres:15-alpine'],
      ['php:7.4-fpm-alpine', 'php:8.3-fpm-alpine'],
      ['php:5.6-apache-jessie', 'php:8.3-apache'],
      ['ruby:2.7-slim-buster', 'ruby:3.4-slim'],
      ['golang:1.22-alpine', 'golang:1-alpine'],
      ['golang:1.25-bookworm', 'golang:1-bookworm'],
      ['openjdk:8-jdk-alpine', 'eclipse-temurin:8-jdk-alpine'],
      ['openjdk:11-jre-slim-buster', 'eclipse-temurin:11-jre'],
      ['openjdk:17', 'eclipse-temurin:17-jdk'],
      ['eclipse-temurin:19-jdk-jammy', 'eclipse-temurin:21-jdk-jammy'],
      ['nginx:1.18-alpine', 'nginx:stable-alpine'],
      ['mysql:5.7-debian', 'mysql:8.4'],
      ['mysql:8.0-oracle', 'mysql:8.4-oracle'],
      ['redis:6.0-alpine', 'redis:7.2-alpine'],
      ['redis:8.0.2-bookworm', 'redis:8-bookworm'],
      ['alpine:3.18', 'alpine:3.23'],
      ['centos:7', 'almalinux:8'],
      ['quay.io/centos/centos:stream8', 'quay.io/centos/centos:stream10'],
      ['rockylinux:9.2', 'rockylinux:9'],
      ['almalinux:8.6-minimal', 'almalinux:8-minimal'],
    ];
    for (const [ref, want] of cases) assert.equal(eolFinding(ref, today)?.replacement, want, ref);
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
    assert.equal(eolInfo('python:3.10.14', '2026-11-22').release?.release.release, '3.10');
    assert.equal(eolInfo('python:3.1', '2026-11-22').release?.release.release, '3.0–3.4');
  });

  it('reports dates against the given day, with the row source and check date', () => {
    assert.equal(eolFinding('node:20', '2026-04-29'), undefined);
    const m = eolFinding('node:20', '2026-04-30');
    assert.equal(m?.eol, '2026-04-30');
    assert.equal(m?.source, 'https://github.com/nodejs/Release/blob/main/schedule.json');
    assert.equal(m?.checked, eolTable.checked);
    assert.equal(eolInfo('node:24', '2026-11-22').release?.isEol, false);
    assert.equal(isoDay(new Date('2026-11-22T23:59:00Z')), '2026-11-22');
    assert.throws(() => isoDay('22/11/2026'), /YYYY-MM-DD/);
  });

  it('applies to Docker Hub mirrors and all Docker Hub spellings', () => {
    for (const ref of ['node:14', 'docker.io/library/node:14', 'index.docker.io/library/node:14', 'registry-1.docker.io/library/node:14', 'public.ecr.aws/docker/library/node:14', 'mirror.gcr.io/library/node:14']) {
      assert.equal(eolFinding(ref, '2026-11-22')?.release.release, '14 (fermium)', ref);
    }
    assert.equal(eolFinding('registry.corp/library/node:14', '2026-11-22'), undefined);
  });

  it('judges distribution suffixes of official images only', () => {
    assert.equal(eolFinding('python:3.12-slim-buster', '2026-11-22')?.label, 'Debian 10 (buster)');
    assert.equal(eolFinding('node:22-stretch', '2026-11-22')?.replacement, 'node:22');
    assert.equal(eolFinding('eclipse-temurin:21-jre-focal', '2026-11-22')?.replacement, 'eclipse-temurin:21-jre');
    assert.equal(eolFinding('nginx:stable-alpine3.17', '2026-11-22')?.replacement, 'nginx:stable-alpine');
    assert.equal(eolFinding('python:3.12-slim-bookworm', '2026-11-22'), undefined);
    assert.equal(eolFinding('myorg/app:1-buster', '2026-11-22'), undefined);
  });
});
