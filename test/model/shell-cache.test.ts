/**
 * ShellParseCache (the language server's per-document cache of parsed RUN scripts): analysing with it gives exactly
 * what analysing without it gives, edit after edit, and it keeps only the scripts of the last analyses.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyze, initializeCore } from '../../server/core/engine';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import { parseShell, ShellParseCache } from '../../server/core/dockerfile/shell';
import type { ShellScript } from '../../server/core/dockerfile/shell';
import { sharedDir } from '../helpers/shared';

before(() => initializeCore());

/** A script as plain data: pipes as indexes, so two parses compare with deepEqual. */
function plain(script: ShellScript) {
  return {
    parseError: script.parseError,
    commands: script.commands.map((c) => ({
      name: c.name,
      command: c.command,
      args: c.args,
      assigns: c.assigns,
      start: c.start,
      end: c.end,
      pipeTo: c.pipeTo ? script.commands.indexOf(c.pipeTo) : undefined,
      pipedFrom: c.pipedFrom ? script.commands.indexOf(c.pipedFrom) : undefined,
    })),
  };
}

const SAMPLE = [
  'FROM debian:12',
  'ARG FLAGS=--allow-unauthenticated',
  'RUN apt-get update && apt-get install -y $FLAGS curl \\',
  '    && curl -fsSL https://example.com/install.sh | sh',
  'RUN sh -c "wget -qO- http://x/y | bash" && chmod 777 /srv',
  'RUN <<EOF',
  'set -e',
  'pip install --extra-index-url https://pypi.corp/simple app',
  'EOF',
  'RUN if then fi (',
  'USER root',
  '',
].join('\n');

describe('ShellParseCache', () => {
  it('parses a script like parseShell at any base offset, pipes and parse errors included', () => {
    const cache = new ShellParseCache();
    for (const script of ['curl -fsSL https://x | sh -s -- -y && echo ok | tee log', 'sh -c "a | b"', 'if then fi (']) {
      for (const base of [0, 7, 1234]) assert.deepEqual(plain(cache.parse(script, base)), plain(parseShell(script, base)));
    }
  });

  it('returns fresh objects: a caller changing one result does not change the next', () => {
    const cache = new ShellParseCache();
    const first = cache.parse('apt-get install -y curl | tee log', 10);
    first.commands[0].args.push({ raw: 'x', value: 'x', start: 0, end: 1 });
    first.commands[0].pipeTo = undefined;
    assert.deepEqual(plain(cache.parse('apt-get install -y curl | tee log', 10)), plain(parseShell('apt-get install -y curl | tee log', 10)));
  });

  it('keeps only the scripts the analyses since the previous generation used', () => {
    const cache = new ShellParseCache();
    cache.parse('a', 0);
    cache.parse('b', 0);
    cache.endGeneration();
    cache.parse('a', 5);
    cache.endGeneration();
    assert.equal(cache.size, 1);
    cache.endGeneration();
    assert.equal(cache.size, 0);
  });

  it('a model built with the cache has the same RUN commands as one built without', () => {
    const cache = new ShellParseCache();
    new DockerfileModel(SAMPLE, { shellCache: cache }).runCommands();
    const cached = new DockerfileModel(SAMPLE, { shellCache: cache });
    const fresh = new DockerfileModel(SAMPLE);
    for (const instr of fresh.instructions) {
      const a = fresh.shellOf(instr);
      const b = cached.shellOf(cached.instructions[instr.index]);
      assert.deepEqual(b && plain(b), a && plain(a));
    }
  });

  it('findings with the cache equal findings without it, edit after edit (corpus files, characters typed and deleted)', () => {
    const dir = path.join(sharedDir(), 'corpus', 'dockerfile');
    const names = fs.readdirSync(dir).sort().filter((_, i) => i % 60 === 0);
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (const name of names) {
      let text = fs.readFileSync(path.join(dir, name), 'utf8');
      const cache = new ShellParseCache();
      for (let edit = 0; edit < 6; edit++) {
        const options = { path: `/corpus/${name}`, kind: 'dockerfile' as const };
        assert.deepEqual(analyze(text, { ...options, shellCache: cache }), analyze(text, options), `${name}, edit ${edit}`);
        cache.endGeneration();
        const at = rand(text.length + 1);
        text = edit % 3 === 2 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + '\\|"x$'[rand(5)] + text.slice(at);
      }
    }
  });
});
