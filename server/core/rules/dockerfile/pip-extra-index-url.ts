import type { Fix } from '../../types';
import {
  assignmentValueAt,
  effectiveCommand,
  inHeredocBody,
  matchInstructionText,
  offsetReporter,
  packageManagerOf,
  parseOptions,
  resolveCommand,
  urlHost,
  variableSettings,
} from '../../dockerfile/commands';
import type { DfInstruction } from '../../dockerfile/model';
import type { ShellWord } from '../../dockerfile/shell';
import type { DockerfileContext, DockerfileRule } from '../rule';

/**
 * What counts:
 * - `--extra-index-url` (also `--extra-index-url=…`) on pip in any spelling (`pip`, `pip3.12`,
 *   `python -m pip`), and on pip-tools (`pip-compile`, `pip-sync`), which hand it to pip's resolver;
 * - `pip config set <scope>.extra-index-url …`, `PIP_EXTRA_INDEX_URL` set by ENV, by an ARG default or
 *   exported in RUN, and `extra-index-url =` / `--extra-index-url` lines written into pip.conf or a
 *   requirements file (echo, heredoc).
 * Not reported: `uv pip install --extra-index-url`, because uv's default index strategy
 * (`first-index`) takes a package from the first index that has it, in order, and does not mix versions
 * across indexes; it is reported when `--index-strategy unsafe-best-match` (or `UV_INDEX_STRATEGY`
 * with that value) restores pip's behaviour. `--index-url` alone (a single index) is fine.
 */

function hostOf(value: string | null | undefined): string {
  if (!value) return '';
  const host = urlHost(value);
  return host ? ` (${host})` : '';
}

function check(ctx: DockerfileContext): void {
  const { model } = ctx;
  const { report, reportFlag } = offsetReporter(model, (range, message, fixes) => ctx.report(range, message, fixes));
  /**
   * "Use `--index-url` instead": the private index becomes the only one, so it must also serve (proxy) the public
   * packages the build needs — a decision for the author, hence not safe. Not offered when an index is already set.
   */
  const toIndexUrl = (start: number, from: string, to: string): Fix[] => [
    {
      title: `Replace \`${from}\` with \`${to}\` (the private index must then proxy PyPI)`,
      edits: [{ range: model.rangeOf(start, start + from.length), newText: to }],
      safe: false,
      isPreferred: true,
    },
  ];
  const confusion = 'pip takes the highest version found on any index, so a package published on PyPI under the same name as a private one wins (dependency confusion)';

  for (const s of variableSettings(model)) {
    if (s.name !== 'PIP_EXTRA_INDEX_URL' || s.value === null || s.value.trim() === '') continue;
    const hasIndex = variableSettings(model).some((o) => o.name === 'PIP_INDEX_URL' && o.instruction.stage === s.instruction.stage);
    report(
      s.nameStart,
      s.nameEnd,
      `\`${s.instruction.keyword} PIP_EXTRA_INDEX_URL\` adds an extra index${hostOf(s.value.trim().split(/\s+/)[0])}: ${confusion}.`,
      hasIndex ? undefined : toIndexUrl(s.nameStart, 'PIP_EXTRA_INDEX_URL', 'PIP_INDEX_URL'),
    );
  }

  for (const run of model.runCommands()) {
    const instruction = run.instruction;
    const command = resolveCommand(model, instruction, run.command);
    const pm = packageManagerOf(command);
    const eff = effectiveCommand(command);
    const isUv = pm?.via === 'uv' || pm?.manager === 'uv';
    const tool = pm?.via === 'uv' ? 'uv pip' : pm?.via === 'python -m' ? `${pm.command.name} -m ${pm.manager}` : pm?.manager === 'pip' ? pm.command.name : eff.name;
    const words = pm ? [...pm.globalArgs, ...(pm.subcommandWord ? [pm.subcommandWord] : []), ...pm.args] : eff.args;
    if (pm?.manager !== 'pip' && pm?.manager !== 'uv' && !/^pip-(compile|sync)$/.test(eff.name)) continue;
    if (isUv && !uvUnsafeStrategy(model, instruction, words)) continue;
    const parsed = parseOptions(words, { longWithValue: ['extra-index-url', 'index-url'], shortWithValue: 'i' });
    const extras = parsed.options.filter((o) => o.long && o.name === 'extra-index-url');
    const hasIndex = parsed.options.some((o) => (o.long && o.name === 'index-url') || (!o.long && o.name === 'i'));
    for (const o of extras) {
      // One extra index and no main index: it can become the main one.
      const fixes = !hasIndex && extras.length === 1 && o.word.raw.startsWith('--extra-index-url') ? toIndexUrl(o.word.start, '--extra-index-url', '--index-url') : undefined;
      reportFlag(o.word, `\`${tool} --extra-index-url\`${hostOf(o.value)}: ${isUv ? 'with `--index-strategy unsafe-best-match` uv takes the highest version found on any index, so a package published on PyPI under a private name wins (dependency confusion)' : confusion}.`, fixes);
    }
    if (pm?.manager === 'pip' && pm.subcommand === 'config') {
      const pos = parseOptions(pm.args).positionals;
      if (pos[0]?.value === 'set' && pos[1]?.value && /^[\w:-]+\.extra-index-url$/.test(pos[1].value)) {
        report(pos[1].start, pos[1].end, `\`pip config set ${pos[1].value}\` adds an extra index${hostOf(pos[2]?.value)}: ${confusion}.`);
      }
    }
  }

  for (const instr of model.instructions) {
    if (instr.keyword !== 'RUN' && instr.keyword !== 'COPY') continue;
    // export PIP_EXTRA_INDEX_URL=… / PIP_EXTRA_INDEX_URL=… pip install …
    if (instr.keyword === 'RUN') {
      for (const m of matchInstructionText(model, instr, /(?<![\w$])PIP_EXTRA_INDEX_URL=/g, 'PIP_EXTRA_INDEX_URL')) {
        const { value } = assignmentValueAt(model.text, m.end);
        if (value === '') continue;
        report(m.start, m.start + 'PIP_EXTRA_INDEX_URL'.length, `\`PIP_EXTRA_INDEX_URL\` set in RUN adds an extra index${hostOf(value)}: ${confusion}.`);
      }
    }
    // pip.conf `extra-index-url = …`, requirements files with `--extra-index-url …` (written by echo or a heredoc)
    for (const m of matchInstructionText(model, instr, /(?:(?<=\\n)|(?<![\w-]))extra-index-url\s*=|(?:(?<=\\n)|(?<=^|\n|["'])[ \t]*)--extra-index-url\b/g, 'extra-index-url')) {
      const whole = m.match[0].trim();
      const text = whole.endsWith('=') ? whole.slice(0, -1).trimEnd() : whole;
      const start = m.start + m.match[0].indexOf(text);
      // A command-line option (judged above for pip; other tools are not pip) is not written text.
      if (m.command && m.command.args.some((a) => a.start === start)) continue;
      if (instr.keyword === 'COPY' && !inHeredocBody(model, instr, m.start)) continue;
      report(start, start + text.length, `\`${text}\` written to a pip configuration or requirements file adds an extra index: ${confusion}.`);
    }
  }
}

function uvUnsafeStrategy(model: DockerfileContext['model'], instr: DfInstruction, words: ShellWord[]): boolean {
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v === '--index-strategy') return words[i + 1]?.value === 'unsafe-best-match';
    if (v?.startsWith('--index-strategy=')) return v.endsWith('=unsafe-best-match');
  }
  return model.resolve('${UV_INDEX_STRATEGY:-}', instr) === 'unsafe-best-match';
}


const rule: DockerfileRule = {
  meta: {
    id: 'pip-extra-index-url',
    title: 'pip --extra-index-url (dependency confusion)',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports `pip install --extra-index-url` (also `pip3`, `python -m pip`, `--extra-index-url=…`, `pip-compile`), `pip config set global.extra-index-url`, `PIP_EXTRA_INDEX_URL` set by ENV, ARG default or in RUN, and `extra-index-url` written into pip.conf or a requirements file. `uv pip` is reported only with `--index-strategy unsafe-best-match`.',
    rationale:
      'pip treats all indexes as one pool and installs the highest version it finds. When a private package name is not also reserved on PyPI, anyone can publish that name there with a higher version number and the build installs the attacker\'s package instead (the 2021 "dependency confusion" attacks on dozens of companies).',
    howToFix:
      'Use a single index that you control with `--index-url` (a private index or proxy that serves both your packages and a vetted mirror of PyPI), or pin each requirement with `--hash=sha256:…` and `--require-hashes`. With uv, keep the default `first-index` strategy and pin private packages to their index in `[tool.uv.sources]`.',
    example: {
      bad: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir --extra-index-url https://pypi.corp.example/simple corp-utils==1.4.0',
      good: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir --index-url https://pypi.corp.example/simple corp-utils==1.4.0',
    },
    aliases: [],
    references: [
      { title: 'pip install: --extra-index-url (security warning)', url: 'https://pip.pypa.io/en/stable/cli/pip_install/' },
      { title: 'pip: secure installs (hash-checking mode)', url: 'https://pip.pypa.io/en/stable/topics/secure-installs/' },
      { title: 'uv: index strategy', url: 'https://docs.astral.sh/uv/concepts/indexes/#searching-across-multiple-indexes' },
    ],
  },
  check,
};

export default rule;
