/**
 * The image hover (server/registry/pin.ts, offline here: no client, no look-up) shows the end-of-life date, the
 * suggestion and the row's own source and check date, and the eol-base-image fix writes exactly that suggestion.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatImageHover } from '../../server/registry/image-status';
import { imageStatusAt } from '../../server/registry/pin';
import { analyze, initializeCore } from '../../server/core/engine';
import { applyEdits } from '../../server/core/fixes/edits';

const NOW = '2026-11-22';
const hoverOf = async (text: string, line = 0, character = 8) => {
  const status = await imageStatusAt(text, { line, character }, undefined, { now: NOW, lookup: false });
  assert.ok(status, 'an image under the cursor');
  return formatImageHover(status);
};

before(() => initializeCore());

describe('end-of-life hover and fix', () => {
  it('shows the date, the suggestion, the row source and the day it was checked', async () => {
    const md = await hoverOf('FROM postgres:12.17-bookworm\n');
    assert.match(md, /\*\*End of life:\*\* PostgreSQL 12 reached end of life on 2024-11-14; suggested: `postgres:15-bookworm`\. Source: https:\/\/www\.postgresql\.org\/support\/versioning\/ \(table checked 2026-11-22\)\./);
  });

  it('shows the base distribution of a suffixed tag, and support dates of supported releases', async () => {
    const md = await hoverOf('FROM python:3.12-slim-bullseye\n');
    assert.match(md, /Python 3\.12: supported until 2028-10-31\. Source: https:\/\/devguide\.python\.org\/versions\//);
    assert.match(md, /\*\*End of life:\*\* Built on Debian 11 \(bullseye\) reached end of life on 2026-08-31; suggested: `python:3\.12-slim`\. Source: https:\/\/wiki\.debian\.org\/LTS/);
  });

  it('the fix replaces the tag with the suggestion the hover shows', async () => {
    for (const [from, to] of [
      ['FROM node:18-alpine AS build\n', 'FROM node:24-alpine AS build\n'],
      ['FROM ubuntu:bionic\n', 'FROM ubuntu:noble\n'],
      ['FROM debian:buster-slim\n', 'FROM debian:bookworm-slim\n'],
      ['FROM python:3.9-slim-bullseye\n', 'FROM python:3.11-slim\n'],
      ['FROM --platform=linux/amd64 docker.io/library/golang:1.24-alpine AS go\n', 'FROM --platform=linux/amd64 docker.io/library/golang:1-alpine AS go\n'],
    ]) {
      const md = await hoverOf(from, 0, from.indexOf(':') - 2);
      const suggested = /suggested: `([^`]+)`/.exec(md)?.[1];
      assert.ok(suggested && to.includes(suggested.replace(/^golang/, 'docker.io/library/golang')), `${from}: hover suggests ${suggested}`);
      const finding = analyze(from, { kind: 'dockerfile', now: NOW }).findings.find((f) => f.ruleId === 'eol-base-image');
      assert.ok(finding?.fixes?.length, from);
      assert.equal(applyEdits(from, finding.fixes[0].edits), to);
    }
  });

});
