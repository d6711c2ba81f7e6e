/**
 * The in-process contenders: each turns one corpus file into a result count (findings, diagnostics, nodes — so
 * the work cannot be skipped and the report can show each did something). Modules are loaded inside `load`, so
 * that a benchmark child process holds only the contender it measures (its peak memory is its own).
 */
import type { CorpusFile, Kind } from './corpus';

/** `reference`: a part of Bulwark's analysis (its parse without the rules), to show where the time over the floor goes. */
export type Role = 'floor' | 'bulwark' | 'peer' | 'reference';

export interface Contender {
  id: string;
  kind: Kind;
  role: Role;
  label: string;
  /** Loads the contender's modules and returns the function measured per file. */
  load(): Promise<(file: CorpusFile) => number>;
}

/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading is the point (see above) */

async function bulwark(kind: Kind): Promise<(file: CorpusFile) => number> {
  const core: typeof import('../../server/core') = require('../../server/core');
  await core.initializeCore();
  return (file) => core.analyze(file.text, { path: `/corpus/${kind}/${file.name}`, kind }).findings.length;
}

export const CONTENDERS: readonly Contender[] = [
  {
    id: 'bare-dockerfile',
    kind: 'dockerfile',
    role: 'floor',
    label: 'bare parse (dockerfile-ast)',
    async load() {
      const { DockerfileParser }: typeof import('dockerfile-ast') = require('dockerfile-ast');
      return (file) => DockerfileParser.parse(file.text).getInstructions().length;
    },
  },
  {
    id: 'bulwark-dockerfile',
    kind: 'dockerfile',
    role: 'bulwark',
    label: 'Bulwark full analysis',
    load: () => bulwark('dockerfile'),
  },
  {
    id: 'bulwark-model-dockerfile',
    kind: 'dockerfile',
    role: 'reference',
    label: 'Bulwark parse only: model + every RUN script (no rules)',
    async load() {
      const core: typeof import('../../server/core') = require('../../server/core');
      const { DockerfileModel }: typeof import('../../server/core/dockerfile/model') = require('../../server/core/dockerfile/model');
      await core.initializeCore();
      return (file) => {
        const model = new DockerfileModel(file.text);
        let commands = 0;
        for (const instr of model.instructions) commands += model.shellOf(instr)?.commands.length ?? 0;
        return commands;
      };
    },
  },
  {
    id: 'dockerfile-utils',
    kind: 'dockerfile',
    role: 'peer',
    label: 'dockerfile-utils validate',
    async load() {
      const { validate }: typeof import('dockerfile-utils') = require('dockerfile-utils');
      return (file) => validate(file.text).length;
    },
  },
  {
    id: 'bare-yaml',
    kind: 'compose',
    role: 'floor',
    label: 'bare parse (yaml)',
    async load() {
      const { parseAllDocuments }: typeof import('yaml') = require('yaml');
      return (file) => {
        const docs = parseAllDocuments(file.text);
        return Array.isArray(docs) ? docs.length : 0;
      };
    },
  },
  {
    id: 'bulwark-compose',
    kind: 'compose',
    role: 'bulwark',
    label: 'Bulwark full analysis',
    load: () => bulwark('compose'),
  },
  {
    id: 'bulwark-model-compose',
    kind: 'compose',
    role: 'reference',
    label: 'Bulwark parse only: compose model (no rules, no schema)',
    async load() {
      const { ComposeModel }: typeof import('../../server/core/compose/model') = require('../../server/core/compose/model');
      return (file) => new ComposeModel(file.text).services.length;
    },
  },
  {
    id: 'dclint',
    kind: 'compose',
    role: 'peer',
    label: 'dclint lintFiles',
    async load() {
      // dclint's only API reads files from disk (lintFiles); all rules on, as its CLI without a config file.
      const { DCLinter }: typeof import('dclint', { with: { 'resolution-mode': 'require' } }) = require('dclint');
      const linter = new DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] });
      return (file) => linter.lintFiles([file.path], false).reduce((n: number, r: { messages: unknown[] }) => n + r.messages.length, 0);
    },
  },
];

export function contender(id: string): Contender {
  const c = CONTENDERS.find((x) => x.id === id);
  if (!c) throw new Error(`unknown contender ${id} (known: ${CONTENDERS.map((x) => x.id).join(', ')})`);
  return c;
}
