import type { Run } from 'dockerfile-ast';
import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import { nearest } from '../../dockerfile/edit-distance';
import type { Range } from '../../types';
import type { DockerfileRule } from '../rule';
import { trimEndOf } from '../../text';
import { hadolint } from '../rule';

const INSTRUCTIONS = [
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR',
  'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
];
const KNOWN = new Set(INSTRUCTIONS);

type FlagType = 'string' | 'strings' | 'bool';

/** The flags each instruction accepts (Dockerfile frontend 1.x, labs flags included); other instructions take none. */
const FLAGS: Record<string, Record<string, FlagType>> = {
  FROM: { platform: 'string' },
  RUN: { mount: 'strings', network: 'string', security: 'string', device: 'strings' },
  COPY: { from: 'string', chown: 'string', chmod: 'string', link: 'bool', parents: 'bool', exclude: 'strings' },
  ADD: { chown: 'string', chmod: 'string', link: 'bool', 'keep-git-dir': 'bool', checksum: 'string', exclude: 'strings', unpack: 'bool' },
  HEALTHCHECK: { interval: 'string', timeout: 'string', 'start-period': 'string', 'start-interval': 'string', retries: 'string' },
};

/** Docker's frontends: other `# syntax=` images may define their own instructions and flags. */
const DOCKER_FRONTEND = /^(docker\.io\/)?docker\/dockerfile(-upstream)?([:@].*)?$/i;

/** An instruction's arguments as one logical line, with the document offset of every character. */
interface Logical {
  text: string;
  /** Logical index where each kept physical line starts, and that line's document offset (ascending). */
  segStarts: number[];
  segOffsets: number[];
  /** Document offset of the end (index text.length). */
  endOffset: number;
}

/** The document offset of `text[i]` (of the end for i = text.length). */
function offsetOf(l: Logical, i: number): number {
  if (i >= l.text.length) return l.endOffset;
  let lo = 0;
  let hi = l.segStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (l.segStarts[mid] <= i) lo = mid;
    else hi = mid - 1;
  }
  return l.segOffsets[lo] + (i - l.segStarts[lo]);
}

interface Word {
  text: string;
  /** Logical indexes. */
  start: number;
  end: number;
}

const CONTINUATION = new Map<string, RegExp>();

/**
 * The instruction after its keyword as the builder reads it: escaped line breaks joined, comment and blank lines inside
 * the continuation dropped, and heredoc bodies (the lines after the first complete logical line) left out.
 */
function logicalLine(model: DockerfileModel, instr: DfInstruction): Logical {
  const text = model.text;
  const esc = model.escapeChar;
  let continuation = CONTINUATION.get(esc);
  if (!continuation) CONTINUATION.set(esc, (continuation = new RegExp(`${esc.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}[ \\t]*$`)));
  const parts: string[] = [];
  const segStarts: number[] = [];
  const segOffsets: number[] = [];
  let length = 0;
  let i = model.offsetAt(instr.keywordRange.end);
  let continuing = false;
  while (i < instr.end) {
    let lineEnd = text.indexOf('\n', i);
    if (lineEnd < 0 || lineEnd > instr.end) lineEnd = instr.end;
    let line = text.slice(i, lineEnd);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (continuing && (/^\s*#/.test(line) || line.trim() === '')) {
      i = lineEnd + 1;
      continue;
    }
    const m = continuation.exec(line);
    const keep = m ? line.slice(0, m.index) : line;
    if (keep.length) {
      parts.push(keep);
      segStarts.push(length);
      segOffsets.push(i);
      length += keep.length;
    }
    if (!m) return { text: parts.join(''), segStarts, segOffsets, endOffset: i + keep.length };
    continuing = true;
    i = lineEnd + 1;
  }
  return { text: parts.join(''), segStarts, segOffsets, endOffset: Math.min(i, instr.end) };
}

/** `/\s/.test(c)` for one character, without the regex for ASCII. */
function isSpace(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(c);
}

/**
 * Whitespace-separated words; with `quotes`, blanks inside '…' or "…" (and escaped ones) do not split. With
 * `firstArgument`, stops after the first word that is not a `--flag` (the words after it are not needed).
 */
function splitWords(text: string, esc: string, quotes: boolean, from = 0, firstArgument = false): Word[] {
  const words: Word[] = [];
  let i = from;
  while (i < text.length) {
    while (i < text.length && isSpace(text[i])) i++;
    if (i >= text.length) break;
    const start = i;
    let quote = '';
    while (i < text.length) {
      const c = text[i];
      if (quotes && c === esc && quote !== "'") {
        i += 2;
        continue;
      }
      if (quotes && quote === '' && (c === '"' || c === "'")) quote = c;
      else if (quotes && c === quote) quote = '';
      else if (quote === '' && isSpace(c)) break;
      i++;
    }
    const word = { text: text.slice(start, Math.min(i, text.length)), start, end: Math.min(i, text.length) };
    words.push(word);
    if (firstArgument && !word.text.startsWith('--')) break;
  }
  return words;
}

/** Instructions whose check reads only the flags and the first argument word. */
const FIRST_ARGUMENT_ONLY = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'WORKDIR', 'USER', 'VOLUME', 'STOPSIGNAL', 'MAINTAINER']);

/**
 * A parser directive line `# name=value`: its name, and its value without the blanks around it (a value of blanks only
 * is its last blank, as the former `=[ \t]*(.+?)[ \t]*$` pattern took it, quadratically). Undefined for other lines.
 */
export function parseDirective(text: string): { name: string; value: string } | undefined {
  const m = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=(.+)$/.exec(text);
  if (!m) return undefined;
  const rest = m[2];
  let start = 0;
  while (start < rest.length && (rest[start] === ' ' || rest[start] === '\t')) start++;
  return { name: m[1], value: start === rest.length ? rest[rest.length - 1] : trimEndOf(rest.slice(start), ' \t') };
}

/** Go's time.ParseDuration (HEALTHCHECK intervals: `30s`, `1m30s`, `1.5h`, `0`), in milliseconds; undefined when invalid. */
function goDurationMs(value: string): number | undefined {
  if (/^[-+]?0$/.test(value)) return 0;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  const sign = value.startsWith('-') ? -1 : 1;
  const body = value.replace(/^[-+]/, '');
  const re = /([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < body.length) {
    re.lastIndex = at;
    const m = re.exec(body);
    if (!m) return undefined;
    total += Number(m[1]) * unit[m[2]];
    at = re.lastIndex;
  }
  return body.length ? sign * total : undefined;
}

function quoteList(names: string[]): string {
  return names.map((n) => `\`--${n}\``).join(', ');
}

const rule: DockerfileRule = {
  meta: {
    id: 'syntax-error',
    title: 'Dockerfile syntax error',
    severity: 'error',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      'Reports what the Docker builder rejects before running anything: an unknown instruction (with the nearest keyword as a suggestion), an instruction without the arguments it needs (`FROM` alone, `COPY` with one path, `ENV key` without a value, `EXPOSE` with nothing), an unknown, repeated or value-less flag (`COPY --chmown`, `RUN --mount`), a first instruction other than FROM or ARG, an invalid stage name, a `# escape=` directive other than `\\` or `` ` ``, malformed HEALTHCHECK options and a heredoc that is never terminated. Files naming a non-Docker frontend in `# syntax=` are only checked for structure, not for instruction or flag names.',
    rationale:
      'The build fails at this line, usually in CI after a push, and any rule that reads the file sees a different structure than the builder would (a misspelt `FROM` starts no stage, a missing continuation turns a shell line into an unknown instruction).',
    howToFix:
      'Correct the line as the message says: use a Dockerfile instruction keyword, give the instruction its required arguments (`ENV KEY=value`, `COPY <src>… <dest>`), use the flags the instruction supports with `--name=value`, start the file with FROM (only ARG and parser directives may precede it), and close every heredoc with its delimiter on a line of its own.',
    example: {
      bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY --chmown=app:app app /srv/app\n',
      good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nCOPY --chown=app:app app /srv/app\n',
    },
    aliases: ['DL3061', 'DL1000'],
    references: [
      hadolint('DL3061'),
      { title: 'Dockerfile reference', url: 'https://docs.docker.com/reference/dockerfile/' },
      { title: 'Dockerfile reference: parser directives', url: 'https://docs.docker.com/reference/dockerfile/#parser-directives' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    const report = (range: Range, message: string) => ctx.report(range, message);
    const rangeOf = (l: Logical, w: { start: number; end: number }) => model.rangeOf(offsetOf(l, w.start), offsetOf(l, Math.max(w.start, w.end - 1)) + 1);

    // Parser directives: `# name=value` lines at the very top, until the first other line.
    let customFrontend = false;
    const seen = new Set<string>();
    for (let line = 0; line < model.lines.lineCount; line++) {
      let text = model.lines.lineText(line);
      const lineStart = model.lines.lineStarts[line];
      let shift = 0;
      if (line === 0 && text.startsWith('\uFEFF')) {
        text = text.slice(1);
        shift = 1;
      }
      const directive = parseDirective(text);
      if (!directive) break;
      const name = directive.name.toLowerCase();
      const value = directive.value;
      if (!['syntax', 'escape', 'check'].includes(name)) break;
      const valueStart = lineStart + shift + text.trimEnd().length - value.length;
      const valueRange = model.rangeOf(valueStart, valueStart + value.length);
      if (seen.has(name)) {
        report(valueRange, `Only one \`${name}\` parser directive may be used; this one repeats an earlier one.`);
        continue;
      }
      seen.add(name);
      if (name === 'escape' && value !== '\\' && value !== '`') {
        report(valueRange, `\`# escape=${value}\` is invalid: the escape character can only be a backslash or a backtick.`);
      }
      if (name === 'syntax' && !DOCKER_FRONTEND.test(value)) customFrontend = true;
    }

    // The first instruction must be FROM, after optional ARGs.
    const first = model.instructions.find((i) => i.keyword !== 'ARG');
    if (customFrontend) {
      // Other frontends may define instructions that come before FROM.
    } else if (first && first.keyword !== 'FROM' && KNOWN.has(first.keyword)) {
      report(first.keywordRange, `\`${first.ast.getInstruction()}\` comes before any FROM: a Dockerfile must start with FROM (only ARG and parser directives may precede it).`);
    } else if (!first && model.instructions.length > 0) {
      const last = model.instructions[model.instructions.length - 1];
      report(last.keywordRange, 'The file declares ARGs but has no FROM instruction, so it has no stage to build.');
    }

    for (const instr of model.instructions) {
      const keyword = instr.keyword;
      const written = instr.ast.getInstruction();
      if (!KNOWN.has(keyword)) {
        if (customFrontend) continue;
        const close = nearest(keyword, INSTRUCTIONS, keyword.length <= 4 ? 1 : 2, true);
        const previous = model.instructions[instr.index - 1];
        const shellLine = /^[-&|;]/.test(written) || (instr.keywordRange.start.character > 0 && previous?.keyword === 'RUN');
        const hint = shellLine
          ? ` (a shell line whose previous line lacks a trailing ${model.escapeChar === '`' ? 'backtick' : '`\\`'}?)`
          : close.length
            ? `; did you mean \`${close[0]}\`?`
            : '.';
        report(instr.keywordRange, `Unknown instruction \`${written}\`${hint}`);
        continue;
      }
      const logical = logicalLine(model, instr);
      const esc = model.escapeChar;

      // Flags: leading `--words`, for every instruction (the builder extracts them before reading the arguments).
      const words = splitWords(logical.text, esc, true, 0, FIRST_ARGUMENT_ONLY.has(keyword));
      let k = 0;
      const used = new Set<string>();
      const accepted = FLAGS[keyword] ?? {};
      while (k < words.length && words[k].text.startsWith('--') && words[k].text !== '--') k++;
      // `HEALTHCHECK NONE` ignores its flags.
      const ignoreFlags = customFrontend || (keyword === 'HEALTHCHECK' && words[k]?.text.toUpperCase() === 'NONE');
      for (k = 0; k < words.length && words[k].text.startsWith('--'); k++) {
        const w = words[k];
        if (w.text === '--') {
          k++;
          break;
        }
        const body = w.text.slice(2);
        const eq = body.indexOf('=');
        const name = eq >= 0 ? body.slice(0, eq) : body;
        const value = eq >= 0 ? body.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2') : null;
        const type = accepted[name];
        const range = rangeOf(logical, w);
        if (ignoreFlags) continue;
        if (!type) {
          const names = Object.keys(accepted);
          const close = nearest(name, names, 2, true);
          const hint = close.length ? `; did you mean \`--${close[0]}\`?` : names.length ? ` (it accepts ${quoteList(names)}).` : ` (${keyword} takes no flags).`;
          report(range, `Unknown flag \`--${name}\` for ${keyword}${hint}`);
          continue;
        }
        if (used.has(name) && type !== 'strings') report(range, `\`--${name}\` is given twice; ${keyword} accepts it once.`);
        used.add(name);
        if (type === 'bool') {
          if (value !== null && !/^(true|false)$/i.test(value)) report(range, `\`--${name}\` takes no value or \`true\`/\`false\`, not \`${value}\`.`);
        } else if (value === null) {
          report(range, `\`--${name}\` needs a value: \`--${name}=<value>\`.`);
        } else if (keyword === 'HEALTHCHECK') {
          if (name === 'retries') {
            if (!/^[0-9]+$/.test(value)) report(range, `\`--retries\` must be a whole number, not \`${value}\`.`);
          } else {
            const ms = goDurationMs(value);
            if (ms === undefined) report(range, `\`--${name}\` must be a duration such as \`30s\` or \`1m30s\`, not \`${value}\`.`);
            else if (ms !== 0 && ms < 1) report(range, `\`--${name}\` cannot be negative or shorter than 1ms.`);
          }
        }
      }
      const args = words.slice(k);
      const argText = logical.text.slice(args[0]?.start ?? logical.text.length).trim();
      const kw = instr.keywordRange;
      const missing = (what: string) => report(kw, `${keyword} ${what}.`);

      switch (keyword) {
        case 'FROM': {
          const plain = splitWords(logical.text, esc, false, args[0]?.start ?? logical.text.length);
          if (plain.length === 0) missing('needs a base image: `FROM <image> [AS <name>]`');
          else if (plain.length === 2 || plain.length > 3 || (plain.length === 3 && plain[1].text.toLowerCase() !== 'as')) {
            report(rangeOf(logical, { start: plain[1].start, end: plain[plain.length - 1].end }), 'FROM takes an image and optionally `AS <name>`: `FROM <image> [AS <name>]`.');
          } else if (plain.length === 3 && !/^[a-z][a-z0-9-_.]*$/.test(plain[2].text.toLowerCase())) {
            report(rangeOf(logical, plain[2]), `\`${plain[2].text}\` is not a valid stage name: it must start with a letter and contain only letters, digits, \`-\`, \`_\` and \`.\`.`);
          }
          break;
        }
        case 'COPY':
        case 'ADD': {
          if (instr.execForm) {
            const n = jsonLength(model, instr);
            if (n !== undefined && n < 2) missing('needs at least one source and a destination: `' + keyword + ' ["<src>", …, "<dest>"]`');
          } else if (args.length < 2) {
            missing(`needs at least one source and a destination: \`${keyword} <src>… <dest>\``);
          }
          break;
        }
        case 'ENV':
        case 'LABEL': {
          if (args.length === 0) {
            missing(keyword === 'ENV' ? 'needs at least one `KEY=value`' : 'needs at least one `key=value`');
            break;
          }
          if (!args[0].text.includes('=')) {
            if (args.length < 2) report(rangeOf(logical, args[0]), `${keyword} \`${args[0].text}\` has no value: write \`${keyword} ${args[0].text}=<value>\`.`);
            break;
          }
          for (const w of args) {
            if (!w.text.includes('=')) report(rangeOf(logical, w), `\`${w.text}\` has no \`=\`: each ${keyword} item must be \`name=value\`.`);
            else if (w.text.startsWith('=')) report(rangeOf(logical, w), `\`${w.text}\` has an empty name: each ${keyword} item must be \`name=value\`.`);
          }
          break;
        }
        case 'ARG':
          if (args.length === 0) missing('needs a name: `ARG <name>[=<default>]`');
          for (const w of args) if (w.text.startsWith('=')) report(rangeOf(logical, w), `\`${w.text}\` has an empty name: write \`ARG <name>[=<default>]\`.`);
          break;
        case 'EXPOSE':
          if (args.length === 0) missing('needs at least one port: `EXPOSE <port>[/<protocol>]`');
          break;
        case 'VOLUME':
          if (argText === '' || /^\[\s*\]$/.test(argText)) missing('needs at least one path');
          break;
        case 'USER':
          if (argText === '') missing('needs a user: `USER <user>[:<group>]`');
          break;
        case 'WORKDIR':
          if (argText === '') missing('needs a path: `WORKDIR /path`');
          break;
        case 'STOPSIGNAL':
          if (argText === '') missing('needs a signal: `STOPSIGNAL SIGTERM`');
          break;
        case 'MAINTAINER':
          if (argText === '') missing('needs a name');
          break;
        case 'SHELL':
          if (argText === '') missing('needs a command in JSON form: `SHELL ["/bin/sh", "-c"]`');
          else if (!instr.execForm) report(rangeOf(logical, { start: args[0].start, end: args[args.length - 1].end }), 'SHELL must be written in JSON form: `SHELL ["executable", "parameters"]`.');
          else if (jsonLength(model, instr) === 0) missing('needs a command in JSON form: `SHELL ["/bin/sh", "-c"]`');
          break;
        case 'HEALTHCHECK': {
          if (args.length === 0) {
            missing('needs `CMD <command>` or `NONE`');
            break;
          }
          const type = args[0].text.toUpperCase();
          if (type === 'NONE') {
            if (args.length > 1) report(rangeOf(logical, { start: args[1].start, end: args[args.length - 1].end }), 'HEALTHCHECK NONE takes no arguments.');
          } else if (type === 'CMD') {
            if (args.length < 2 || /^\[\s*\]$/.test(logical.text.slice(args[1].start).trim())) report(rangeOf(logical, args[0]), 'HEALTHCHECK CMD needs a command to run.');
          } else {
            report(rangeOf(logical, args[0]), `Unknown HEALTHCHECK type \`${args[0].text}\`: use \`CMD <command>\` or \`NONE\`.`);
          }
          break;
        }
        case 'ONBUILD': {
          if (args.length === 0) {
            missing('needs an instruction to run later: `ONBUILD <INSTRUCTION> …`');
            break;
          }
          const trigger = args[0].text.toUpperCase();
          if (trigger === 'ONBUILD' || trigger === 'FROM' || trigger === 'MAINTAINER') {
            report(rangeOf(logical, args[0]), `\`ONBUILD ${args[0].text}\` is not allowed: ${trigger} cannot be an ONBUILD trigger.`);
          } else if (!KNOWN.has(trigger) && !customFrontend) {
            const close = nearest(trigger, INSTRUCTIONS, 2, true);
            report(rangeOf(logical, args[0]), `Unknown instruction \`${args[0].text}\` in ONBUILD${close.length ? `; did you mean \`${close[0]}\`?` : '.'}`);
          }
          break;
        }
        default:
          break;
      }

      // A heredoc whose delimiter never comes swallows the rest of the file.
      if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
        const heredocs = logical.text.includes('<<') ? (instr.ast as Run).getHeredocs() : [];
        for (const h of heredocs) {
          if (h.getDelimiterRange()) continue;
          const name = h.getName();
          const at = name ? logical.text.search(new RegExp(`<<-?\\s*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)) : -1;
          const range = at >= 0 ? rangeOf(logical, { start: at, end: at + logical.text.slice(at).search(/\s|$/) }) : instr.keywordRange;
          report(range, `The heredoc \`${name ?? ''}\` is never closed: add a line containing only \`${name ?? ''}\`.`);
        }
      }
    }
  },
};

/** The number of strings of an exec-form instruction; undefined when it is not valid JSON. */
function jsonLength(model: DockerfileModel, instr: DfInstruction): number | undefined {
  const body = model.text.slice(instr.argsStart, instr.end).replace(new RegExp(`${model.escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}[ \\t]*\\r?\\n`, 'g'), ' ');
  try {
    const value: unknown = JSON.parse(body);
    return Array.isArray(value) ? value.length : undefined;
  } catch {
    return undefined;
  }
}

export default rule;
