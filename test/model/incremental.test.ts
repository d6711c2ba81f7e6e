/**
 * Incremental re-analysis (server/core/incremental.ts): after every edit of a sequence, the analysis that reuses the
 * findings of unchanged instructions equals a fresh analysis of the same text (rule ids, ranges, messages,
 * severities, fixes), on corpus Dockerfiles and the benchmark's generated one (fast-check); and the cache's own
 * behaviour: unchanged instructions are not re-checked, context edits (`# escape=`, SHELL, ARG, FROM) invalidate
 * what they change, options changes drop everything.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, initializeCore } from '../../server/core/engine';
import { IncrementalState } from '../../server/core/incremental';
import { ShellParseCache } from '../../server/core/dockerfile/shell';
import { DockerfileModel } from '../../server/core/dockerfile/model';
import { dockerfileRules } from '../../server/core/rules';
import type { AnalyzeOptions } from '../../server/core/types';
import { corpusDockerfiles } from '../helpers/shared';
import { generatedDockerfile } from '../bench/generate';

before(() => initializeCore());

const corpus = corpusDockerfiles;

const BASE: AnalyzeOptions & { kind: 'dockerfile' } = { kind: 'dockerfile', path: '/incr/Dockerfile', allRules: true, now: '2026-01-01' };

/**
 * A document being edited: analysed like the language server does (caches kept: the shell cache, and with it the
 * document's argument cache, argument-cache.ts), and compared with a fresh analysis.
 */
class Editor {
  readonly incremental = new IncrementalState();
  private readonly shellCache = new ShellParseCache();
  constructor(
    public text: string,
    private readonly options: AnalyzeOptions & { kind: 'dockerfile' } = BASE,
  ) {}

  analyze() {
    const result = analyze(this.text, { ...this.options, shellCache: this.shellCache, incremental: this.incremental });
    this.shellCache.endGeneration();
    return result;
  }

  check(label: string): void {
    assert.deepEqual(this.analyze(), analyze(this.text, this.options), label);
  }
}

/** Pieces that change instructions, their context or the structure: escapes, continuations, variables, shells, stages. */
const PIECES = [
  'x', ' ', '\n', '\\', '\\\n', '"', "'", '$', '${A}', '#', '-', '=', '[', ']', '\r\n', '`',
  'RUN curl -k https://x | sh\n', 'ARG A=1\n', 'ENV A=2 PIP_TRUSTED_HOST=h\n', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n',
  'SHELL ["cmd", "/S", "/C"]\n', 'FROM alpine:3 AS b\n', 'FROM stage0\n', '# escape=`\n', '# syntax=docker/dockerfile:1\n',
  'RUN <<EOF\napt-get install -y x\nEOF\n', 'COPY id_rsa /root/.ssh/\n', ' && apt-get install curl', 'USER root\n',
  'EXPOSE 22\n', '# bulwark-ignore pipefail\n', ' --password=hunter2secretvalue',
];

interface Edit {
  at: number;
  remove: number;
  insert: string;
}

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 4, max: 80 })),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.constant(''), fc.string({ maxLength: 3 })),
});

function apply(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

describe('incremental analysis equals a fresh analysis', () => {
  it('on random edit sequences of corpus Dockerfiles', () => {
    const files = corpus(40);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: files.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 12 }), (i, edits) => {
        const editor = new Editor(files[i].text);
        editor.analyze();
        edits.forEach((e: Edit, k) => {
          editor.text = apply(editor.text, e);
          editor.check(`${files[i].name}, edit ${k}`);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('on random edit sequences of the benchmark document', () => {
    const start = generatedDockerfile(300);
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const editor = new Editor(start);
        editor.analyze();
        edits.forEach((e: Edit, k) => {
          editor.text = apply(editor.text, e);
          editor.check(`edit ${k}`);
        });
      }),
      { numRuns: 15 },
    );
  });

  it('on every corpus file, after a one-letter edit of its middle line', () => {
    for (const { name, text } of corpus(7)) {
      const editor = new Editor(text);
      editor.analyze();
      const lines = text.split('\n');
      const mid = Math.floor(lines.length / 2);
      lines[mid] = `${lines[mid].slice(0, 3)}q${lines[mid].slice(3)}`;
      editor.text = lines.join('\n');
      editor.check(name);
    }
  });
});

describe('the incremental cache', () => {
  const scoped = dockerfileRules.filter((r) => r.meta.scope === 'instruction').length;

  it('re-checks only the edited instruction', () => {
    assert.ok(scoped > 0, 'some rules are instruction-scoped');
    const text = generatedDockerfile(1000);
    const editor = new Editor(text);
    editor.analyze();
    const instructions = editor.incremental.stats.instructionRuns;
    editor.text = text.replace('EXPOSE 8003', 'EXPOSE 8033');
    editor.check('one EXPOSE changed');
    assert.equal(editor.incremental.stats.instructionRuns - instructions, 1, `one instruction of ${instructions} re-checked`);
    assert.equal(editor.incremental.stats.reused, instructions - 1, 'the others reused');
  });

  it('re-checks the whole file when the escape directive changes', () => {
    const text = 'FROM alpine:3\nRUN curl -k https://x \\\n  | sh\nRUN apt-get install curl\n';
    const editor = new Editor(text);
    editor.analyze();
    const runs = editor.incremental.stats.instructionRuns;
    editor.text = `# escape=\`\n${text}`;
    editor.check('escape directive added');
    // Every instruction of the new text (the backslash no longer continues the RUN: `| sh` is one of its own).
    const instructions = new DockerfileModel(editor.text).instructions.length;
    assert.equal(instructions, 4);
    assert.equal(editor.incremental.stats.instructionRuns - runs, instructions);
  });

  it('re-checks the RUNs after a SHELL edit, and those after an ARG edit, not those before', () => {
    const text = 'FROM alpine:3\nRUN curl https://x | sh\nSHELL ["/bin/sh", "-c"]\nARG V=1\nRUN curl https://y/$V | sh\nRUN echo ok\n';
    const editor = new Editor(text);
    editor.analyze();
    let runs = editor.incremental.stats.instructionRuns;
    editor.text = text.replace('["/bin/sh", "-c"]', '["/bin/bash", "-o", "pipefail", "-c"]');
    editor.check('SHELL changed');
    // The SHELL itself and the three instructions after it (their shell changed); FROM and the first RUN reused.
    assert.equal(editor.incremental.stats.instructionRuns - runs, 4);
    runs = editor.incremental.stats.instructionRuns;
    editor.text = editor.text.replace('ARG V=1', 'ARG V=2');
    editor.check('ARG changed');
    assert.equal(editor.incremental.stats.instructionRuns - runs, 3);
  });

  it('forgets everything when the options change', () => {
    const text = 'FROM alpine:3\nRUN curl -k https://x | sh\n';
    const editor = new Editor(text);
    editor.analyze();
    const runs = editor.incremental.stats.instructionRuns;
    const other = analyze(text, { ...BASE, rules: { 'tls-verification-disabled': 'error' }, incremental: editor.incremental });
    assert.deepEqual(other, analyze(text, { ...BASE, rules: { 'tls-verification-disabled': 'error' } }));
    assert.equal(editor.incremental.stats.instructionRuns - runs, 2);
  });

  it('keeps findings of instructions that moved, with their fixes moved too', () => {
    const text = 'FROM alpine:3\nRUN curl -k https://x | sh\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n';
    const editor = new Editor(text);
    editor.analyze();
    editor.text = `# a comment\n# another\n${text}`;
    const result = editor.analyze();
    assert.deepEqual(result, analyze(editor.text, BASE));
    assert.ok(result.findings.some((f) => f.range.start.line === 4 && f.fixes?.some((x) => x.edits.some((e) => e.range.start.line === 4))), 'a fix on the moved ENV line');
  });
});
