import type { Arg, Env, Instruction, Label, Onbuild, Property } from 'dockerfile-ast';
import type { DockerfileModel } from '../../dockerfile/model';
import { positionals, unwrap } from '../../dockerfile/shell';
import type { ShellCommand, ShellWord } from '../../dockerfile/shell';
import { dedupe, describeSecretKind, findSecrets, isPlaceholder, looksLikeSecretName, looksLikeSecretValue, maskSecret } from '../../secrets';
import type { DockerfileRule } from '../rule';
import { cis } from '../rule';

interface Hit {
  start: number;
  end: number;
  /** What was found, e.g. `GitHub token`, `password passed to \`mysql\``. */
  what: string;
  /** Whether a masked preview may be shown (not for private key blocks, whose start is the header). */
  preview: boolean;
}

const MYSQL_TOOLS = new Set([
  'mysql', 'mysqladmin', 'mysqldump', 'mysqlimport', 'mysqlshow', 'mysqlcheck', 'mysqlpump', 'mysqlsh', 'mysql_upgrade',
  'mariadb', 'mariadb-admin', 'mariadb-dump', 'mariadb-import', 'mariadb-show', 'mariadb-check', 'mariadb-upgrade',
]);
const LOGIN_TOOLS = new Set(['docker', 'podman', 'buildah', 'skopeo', 'nerdctl', 'helm', 'oras', 'crane', 'regctl', 'cosign']);
const PASSWORD_OPTION_TOOLS = new Set(['twine', 'mongo', 'mongosh', 'mongodump', 'mongorestore', 'mongoimport', 'mongoexport']);
const WGET_PASSWORD_FLAGS = new Set(['password', 'http-password', 'ftp-password', 'proxy-password', 'http-passwd', 'ftp-passwd']);

/** The offsets of `secret`, found at `offset` in the word's value, in the document. */
function rangeIn(word: ShellWord, secret: string, offset: number): [number, number] {
  if (word.raw === word.value) return [word.start + offset, word.start + offset + secret.length];
  const i = word.raw.indexOf(secret);
  return i >= 0 ? [word.start + i, word.start + i + secret.length] : [word.start, word.end];
}

/** The value of a short option written attached (`-pSECRET`) or as the next word (`-p SECRET`). */
function shortOptionValues(cmd: ShellCommand, letter: string, attachedOnly = false): { word: ShellWord; value: string; offset: number }[] {
  const out: { word: ShellWord; value: string; offset: number }[] = [];
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === '--') break;
    if (v === null || !v.startsWith('-') || v.startsWith('--')) continue;
    if (v === `-${letter}`) {
      if (!attachedOnly && i + 1 < args.length && args[i + 1].value !== null) out.push({ word: args[i + 1], value: args[i + 1].value!, offset: 0 });
    } else if (v.startsWith(`-${letter}`)) {
      out.push({ word: args[i], value: v.slice(2), offset: 2 });
    }
  }
  return out;
}

/** The value of a long option written `--name=value` (or `--name value` unless `equalsOnly`). */
function longOptionValues(
  cmd: ShellCommand,
  accept: (name: string) => boolean,
  equalsOnly = false,
): { word: ShellWord; value: string; offset: number; name: string }[] {
  const out: { word: ShellWord; value: string; offset: number; name: string }[] = [];
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === '--') break;
    if (v === null || !v.startsWith('--') || v.length < 3) continue;
    const eq = v.indexOf('=');
    const name = v.slice(2, eq < 0 ? undefined : eq);
    if (!accept(name)) continue;
    if (eq >= 0) out.push({ word: args[i], value: v.slice(eq + 1), offset: eq + 1, name });
    else if (!equalsOnly && i + 1 < args.length && args[i + 1].value !== null && !args[i + 1].value!.startsWith('-')) {
      out.push({ word: args[i + 1], value: args[i + 1].value!, offset: 0, name });
    }
  }
  return out;
}

/** Passwords and tokens given on the command line of well-known tools, and secret-named long options. */
function commandHits(model: DockerfileModel): Hit[] {
  const hits: Hit[] = [];
  const add = (word: ShellWord, secret: string, offset: number, what: string, strict: boolean) => {
    if (!secret || isPlaceholder(secret)) return;
    if (!strict && !looksLikeSecretValue(secret)) return;
    const [start, end] = rangeIn(word, secret, offset);
    hits.push({ start, end, what, preview: true });
  };
  for (const { command } of model.runCommands()) {
    const cmd = unwrap(command);
    const name = cmd.name;
    if (MYSQL_TOOLS.has(name)) {
      // `-pSECRET` (a separate word after `-p` is the database, not the password) or `--password=SECRET`.
      for (const o of shortOptionValues(cmd, 'p', true)) add(o.word, o.value, o.offset, `password passed to \`${name} -p\``, true);
      for (const o of longOptionValues(cmd, (n) => n === 'password', true)) add(o.word, o.value, o.offset, `password passed to \`${name} --password\``, true);
    } else if (LOGIN_TOOLS.has(name) && positionals(cmd, ['-u', '--username', '-p', '--password']).some((w) => w.value === 'login')) {
      for (const o of shortOptionValues(cmd, 'p')) add(o.word, o.value, o.offset, `password passed to \`${name} login\``, true);
      for (const o of longOptionValues(cmd, (n) => n === 'password')) add(o.word, o.value, o.offset, `password passed to \`${name} login\``, true);
    } else if (PASSWORD_OPTION_TOOLS.has(name) || (name === 'az' && cmd.args[0]?.value === 'login')) {
      // `twine upload -p …`, `mongosh -p …`, `az login -p …`: `-p`/`--password` takes the password.
      for (const o of shortOptionValues(cmd, 'p')) add(o.word, o.value, o.offset, `password passed to \`${name} -p\``, true);
      for (const o of longOptionValues(cmd, (n) => n === 'password')) add(o.word, o.value, o.offset, `password passed to \`${name} --password\``, true);
    } else if (name === 'sshpass') {
      for (const o of shortOptionValues(cmd, 'p')) add(o.word, o.value, o.offset, 'password passed to `sshpass -p`', true);
    } else if (name === 'redis-cli') {
      for (const o of shortOptionValues(cmd, 'a')) add(o.word, o.value, o.offset, 'password passed to `redis-cli -a`', true);
      for (const o of longOptionValues(cmd, (n) => n === 'pass')) add(o.word, o.value, o.offset, 'password passed to `redis-cli --pass`', true);
    } else if (name === 'curl') {
      const creds = [...shortOptionValues(cmd, 'u'), ...shortOptionValues(cmd, 'U'), ...longOptionValues(cmd, (n) => n === 'user' || n === 'proxy-user')];
      for (const o of creds) {
        const colon = o.value.indexOf(':');
        if (colon < 0) continue; // curl prompts for the password
        add(o.word, o.value.slice(colon + 1), o.offset + colon + 1, 'password passed to `curl -u`', true);
      }
    } else if (name === 'wget') {
      for (const o of longOptionValues(cmd, (n) => WGET_PASSWORD_FLAGS.has(n))) add(o.word, o.value, o.offset, `password passed to \`wget --${o.name}\``, true);
    } else if (name === 'htpasswd') {
      const flags = cmd.args.filter((a) => a.value !== null && /^-[A-Za-z]+$/.test(a.value)).map((a) => a.value!.slice(1)).join('');
      const pos = positionals(cmd);
      if (flags.includes('b') && pos.length >= 2) {
        const pw = pos[pos.length - 1];
        if (pw.value !== null) add(pw, pw.value, 0, 'password passed to `htpasswd -b`', true);
      }
    }
    // Any tool: `--api-token=…`, `--client-secret …` with a value that looks like a real secret.
    for (const o of longOptionValues(cmd, looksLikeSecretName)) add(o.word, o.value, o.offset, `value of \`--${o.name}\``, false);
  }
  return hits;
}

/** ENV/ARG/LABEL properties (also in ONBUILD), with the instruction keyword. */
function properties(instr: Instruction): { keyword: string; props: Property[] } | undefined {
  let target: Instruction | null = instr;
  if (instr.getKeyword().toUpperCase() === 'ONBUILD') target = (instr as Onbuild).getTriggerInstruction();
  const keyword = target?.getKeyword().toUpperCase();
  if (keyword === 'ARG') {
    const p = (target as Arg).getProperty();
    return { keyword, props: p ? [p] : [] };
  }
  if (keyword === 'ENV') return { keyword, props: (target as Env).getProperties() };
  if (keyword === 'LABEL') return { keyword, props: (target as Label).getProperties() };
  return undefined;
}

/** High-entropy literals assigned to secret-looking names by ENV/ARG/LABEL (also `ENV KEY value`). */
function propertyHits(model: DockerfileModel): Hit[] {
  const hits: Hit[] = [];
  for (const instr of model.instructions) {
    const p = properties(instr.ast);
    if (!p) continue;
    for (const prop of p.props) {
      const name = prop.getName();
      const value = prop.getValue();
      const range = prop.getValueRange();
      if (!name || value === null || !range || !looksLikeSecretName(name)) continue;
      let start = model.offsetAt(range.start);
      let end = model.offsetAt(range.end);
      const raw = model.text.slice(start, end);
      if (raw.includes('$') || !looksLikeSecretValue(value)) continue;
      if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0]) {
        start++;
        end--;
      }
      hits.push({ start, end, what: `value of ${p.keyword} \`${name}\``, preview: true });
    }
  }
  return hits;
}

const rule: DockerfileRule = {
  meta: {
    id: 'hardcoded-secret',
    title: 'Hardcoded secret',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports a literal credential anywhere in the file — instructions, comments and heredocs: private key blocks, AWS access key IDs, GitHub, GitLab, Slack, npm and PyPI tokens, JSON Web Tokens, passwords in URLs (`https://user:password@…`), passwords given to well-known tools (`mysql -p…`, `docker login -p`, `twine -p`, `mongosh -p`, `az login -p`, `curl -u user:password`, `sshpass -p`, `redis-cli -a`, `htpasswd -b`, `wget --password=`), and high-entropy values assigned to secret-looking names (`ENV API_KEY=…`, `LABEL`, `--api-token=…`). Placeholders (`changeme`, `<token>`, `${TOKEN}`, `xxxx`, `***`) and bare default words (`password`, `root`, `guest`) are skipped, and so are GPG fingerprints and checksums, whose names do not look secret. The message shows at most the first four characters of the secret.',
    rationale:
      'A secret written into a Dockerfile is readable by everyone with access to the repository, and ENV, LABEL and RUN lines are also kept in the image config and history, so every copy of the image carries it. Deleting it later does not help: it remains in the Git history and in already-pushed images.',
    howToFix:
      'Revoke and rotate the credential first — it must be considered leaked. Then pass it at build time without storing it: `RUN --mount=type=secret,id=token,env=TOKEN …` with `docker build --secret id=token,env=TOKEN .`, or read it at runtime from the orchestrator\'s secrets or environment.',
    example: {
      bad: 'FROM alpine:3.20\nRUN wget -q --header "Authorization: token ghp_R4nd0mT0k3nV4lu3F0rTh3Ex4mpl3Ab12Cde" https://api.github.com/repos/acme/app/tarball -O app.tgz',
      good: 'FROM alpine:3.20\nRUN --mount=type=secret,id=gh_token,env=GH_TOKEN \\\n    wget -q --header "Authorization: token $GH_TOKEN" https://api.github.com/repos/acme/app/tarball -O app.tgz',
    },
    aliases: ['KICS Passwords And Secrets', 'CIS 4.10'],
    references: [
      cis('4.10', 'Ensure secrets are not stored in Dockerfiles'),
      { title: 'Docker docs: Build secrets', url: 'https://docs.docker.com/build/building/secrets/' },
      { title: 'GitHub docs: Removing sensitive data from a repository', url: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    const text = model.text;
    const found = findSecrets(text);
    const patterns: Hit[] = [];
    const assigned: Hit[] = [];
    for (const s of found) {
      if (s.kind === 'assigned-secret') {
        assigned.push({ start: s.start, end: s.end, what: `value of \`${s.name}\``, preview: true });
      } else if (s.kind === 'private-key') {
        patterns.push({ start: s.start, end: s.end, what: s.name ? `${s.name} private key` : 'private key', preview: false });
      } else {
        patterns.push({ start: s.start, end: s.end, what: describeSecretKind(s.kind), preview: true });
      }
    }
    const hits = dedupe([...patterns, ...commandHits(model), ...propertyHits(model), ...assigned]);
    for (const h of hits) {
      const preview = h.preview ? maskSecret(text.slice(h.start, h.end)) : '';
      const shown = preview ? ` (\`${preview}\`)` : '';
      ctx.report(model.rangeOf(h.start, h.end), `Hardcoded ${h.what}${shown}: rotate it and pass it as a build secret or at runtime instead.`);
    }
  },
};

export default rule;
