/**
 * Secret detection shared by the Dockerfile and Compose rules: credential patterns in free text,
 * secret-looking variable names, placeholders, entropy and masking. Pure functions over strings.
 *
 * Every regular expression here runs in linear time: no nested quantifiers, every repeated class is
 * either bounded or followed by something it cannot match, and each pattern starts with a negative
 * lookbehind so that a long run of matching characters is entered once, not once per position.
 * test/secrets.test.ts checks this on 50 KB adversarial inputs.
 */

export type SecretKind =
  | 'private-key'
  | 'aws-access-key-id'
  | 'google-api-key'
  | 'github-token'
  | 'gitlab-token'
  | 'slack-token'
  | 'slack-webhook'
  | 'npm-token'
  | 'pypi-token'
  | 'jwt'
  | 'url-password'
  | 'authorization-header'
  | 'assigned-secret';

export interface SecretMatch {
  kind: SecretKind;
  /** Offsets of the secret itself in the text (half-open). */
  start: number;
  end: number;
  /** For `assigned-secret`: the name the value is assigned to. For `private-key`: the key type (`RSA`, `OPENSSH`, …). */
  name?: string;
}

const KIND_LABELS: Record<SecretKind, string> = {
  'private-key': 'private key',
  'aws-access-key-id': 'AWS access key ID',
  'google-api-key': 'Google API key',
  'github-token': 'GitHub token',
  'gitlab-token': 'GitLab token',
  'slack-token': 'Slack token',
  'slack-webhook': 'Slack webhook URL',
  'npm-token': 'npm access token',
  'pypi-token': 'PyPI API token',
  jwt: 'JSON Web Token',
  'url-password': 'password in a URL',
  'authorization-header': 'credential in an Authorization header',
  'assigned-secret': 'secret value',
};

/** A human label for a kind, e.g. `GitHub token`. */
export function describeSecretKind(kind: SecretKind): string {
  return KIND_LABELS[kind];
}

// ---- masking and entropy -------------------------------------------------------------------------

/**
 * A preview of a secret that is safe to print: nothing for short values (under 8 characters), the first
 * 2 characters for values under 16, at most the first 4 otherwise, followed by `…`.
 */
export function maskSecret(value: string): string {
  const chars = Array.from(value);
  if (chars.length < 8) return '';
  const shown = chars.length < 16 ? 2 : 4;
  return chars.slice(0, shown).join('') + '…';
}

const UNESCAPED: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"' };
/**
 * A quoted word that may be a generated secret: 12+ characters without blanks, globs or brackets, with lower case,
 * upper case and digits (names, keys, paths, hosts and versions in messages seldom have all three).
 */
const RANDOM_LOOKING = /^(?=[^a-z]*[a-z])(?=[^A-Z]*[A-Z])(?=\D*\d)[^\s*[\](){}]{12,}$/;
/** A relative path or a file name in lower case (`secrets/db.txt`, `compose.prod.yaml`): not a secret. */
const PATH_LIKE = /^[a-z0-9._-]*\/[a-z0-9._/-]*$|^[\w-]+\.[a-z]{2,10}$/;
/** A digest (`sha256:…`, `image@sha256:…`): random-looking, but public. */
const DIGEST = /^(?:[^\s@`]{1,200}@)?sha(?:256|384|512):[0-9a-f]{32,128}$/;

/**
 * `text` — a message that quotes what someone wrote (a configuration value, a setting, an error) — with every secret
 * in it masked (`maskSecret`): each credential `findSecrets` recognises, and each `quoted` span that looks like a
 * generated secret (a token given as a rule name, a password as a severity). Text quoted as a JSON string (an error
 * quoting a document) is also read with its escapes (`\n`, `\"`) undone. Paths, globs and digests stay as they are.
 */
export function maskSecretsIn(text: string): string {
  const spans: { start: number; end: number }[] = findSecrets(text);
  // The same offsets with each two-character escape as a blank and the character it stands for (`\n` → ` ⏎`), so that
  // `TOKEN=value\nNEXT` ends at the value and lines stay lines.
  const unescaped = text.replace(/\\[\\"nrt]/g, (e) => ' ' + (UNESCAPED[e[1]] ?? ' '));
  if (unescaped !== text) spans.push(...findSecrets(unescaped));
  const quoted = /`([^`\n]{8,500})`/g;
  for (let m = quoted.exec(text); m; m = quoted.exec(text)) {
    const value = m[1];
    if (!RANDOM_LOOKING.test(value) || PATH_LIKE.test(value) || DIGEST.test(value) || !looksLikeSecretValue(value)) continue;
    spans.push({ start: m.index + 1, end: m.index + 1 + value.length });
  }
  if (spans.length === 0) return text;
  let out = text;
  for (const s of dedupe(spans).sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + (maskSecret(out.slice(s.start, s.end)) || '…') + out.slice(s.end);
  return out;
}

/** Shannon entropy of the string's characters, in bits per character (0 for ''). */
export function shannonEntropy(s: string): number {
  if (!s.length) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  const n = Array.from(s).length;
  let h = 0;
  for (const k of counts.values()) {
    const p = k / n;
    h -= p * Math.log2(p);
  }
  return h;
}

// ---- placeholders -----------------------------------------------------------------------------

const PLACEHOLDER_WORDS =
  /change[-_ ]?me|changeit|example|sample|placeholder|dummy|fake|redacted|replace[-_ ]?(?:me|this|with)|insert[-_ ]?(?:here|your)|your[-_]?(?:own[-_]?)?(?:password|passwd|pass|token|secret|key|api|access|client|app)|not[-_]?a[-_]?(?:real[-_]?)?secret/;
const PLACEHOLDER_VALUES = new Set([
  'password', 'passwd', 'pass', 'secret', 'token', 'apikey', 'api_key', 'key', 'test', 'testing', 'none', 'null', 'nil',
  'undefined', 'todo', 'tbd', 'n/a', 'na', 'foo', 'bar', 'foobar', 'baz', 'string', 'value', 'default', 'empty',
  'admin', 'root', 'user', 'username', 'guest', 'mypassword', 'my_password', 'my-password', 'mysecret', 'my_secret',
  'mytoken', 'my_token', 'secret123', 'password123', 'true', 'false', 'yes', 'no', 'on', 'off',
]);

/**
 * True for values that are obviously not a real secret: empty, variable references (`$X`, `${X}`,
 * `$(cmd)`), `<your-token>`, `{{ .Token }}`, `***`, `xxxx`, `...`, and words such as changeme, example,
 * placeholder, dummy, fake, or a bare `password`/`secret`/`root`.
 */
export function isPlaceholder(value: string): boolean {
  let v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) v = v.slice(1, -1).trim();
  if (v === '') return true;
  if (v.includes('$')) return true;
  if (/<[^<>]{0,80}>/.test(v)) return true;
  if (/\{\{|\}\}|^\{[A-Za-z0-9_ .-]{0,80}\}$/.test(v)) return true;
  if (/%\(?[A-Za-z_]{0,40}\)?[sd]\b/.test(v) && v.length < 40) return true;
  if (/\*{3}|\.{3}|…|[xX]{4}|#{3}|_{4}/.test(v)) return true;
  if (/^(.)\1*$/.test(v)) return true;
  const lower = v.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower)) return true;
  return PLACEHOLDER_WORDS.test(lower);
}

// ---- names ------------------------------------------------------------------------------------

/** Splits `AWS_SECRET_ACCESS_KEY`, `apiKey`, `x-api-token`, `com.example.Password` into lower-case words. */
export function nameWords(name: string): string[] {
  // A hand-written scan (a regex with `[A-Z]+[A-Z][a-z]` backtracks quadratically on long capitals).
  const words: string[] = [];
  let word = '';
  const kind = (c: string) => (c >= 'a' && c <= 'z' ? 'l' : c >= 'A' && c <= 'Z' ? 'u' : c >= '0' && c <= '9' ? 'd' : '');
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    const k = kind(c);
    if (!k) {
      if (word) words.push(word.toLowerCase());
      word = '';
      continue;
    }
    if (word && k === 'u') {
      const prev = kind(name[i - 1]);
      // fooBar, foo2Bar | APIKey: the last capital before a lower-case letter starts a word.
      if (prev === 'l' || prev === 'd' || (prev === 'u' && kind(name[i + 1] ?? '') === 'l')) {
        words.push(word.toLowerCase());
        word = '';
      }
    }
    word += c;
  }
  if (word) words.push(word.toLowerCase());
  return words;
}

/** Words that name a secret wherever they appear. */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'passphrase', 'pword', 'secret', 'secrets', 'token', 'tokens', 'apikey', 'apitoken', 'apisecret',
  'credential', 'credentials', 'creds', 'privatekey', 'accesskey', 'secretkey', 'clientsecret', 'authtoken',
  'accesstoken', 'refreshtoken', 'sessiontoken',
]);
/** Words that make `…_KEY` a secret (`API_KEY`, `LICENSE_KEY`); `GPG_KEY`, `SITE_KEY`, a bare `KEY` are not. */
const KEY_QUALIFIERS = new Set([
  'api', 'access', 'secret', 'private', 'priv', 'license', 'licence', 'master', 'encryption', 'encrypt', 'decryption',
  'signing', 'session', 'client', 'auth', 'ssh', 'deploy', 'service', 'account', 'shared', 'hmac', 'jwt', 'app',
  'admin', 'write', 'storage', 'consumer', 'subscription', 'cipher', 'crypt', 'crypto', 'aes', 'mac', 'cookie',
]);
/** Whatever else the name says, it is about public or verification material: GPG keys, checksums. */
const NEVER_WORDS = new Set([
  'public', 'pub', 'publishable', 'gpg', 'pgp', 'gnupg', 'fingerprint', 'fingerprints', 'sha', 'sha1', 'sha256',
  'sha384', 'sha512', 'md5', 'checksum', 'checksums', 'keyring', 'keyserver', 'keyid', 'askpass',
]);
/** A final word that makes the variable a reference to a secret or a setting about it, not the secret. */
const NON_SECRET_LAST = new Set([
  'file', 'files', 'path', 'paths', 'dir', 'dirs', 'directory', 'folder', 'location', 'url', 'urls', 'uri', 'uris',
  'endpoint', 'endpoints', 'host', 'hostname', 'hosts', 'server', 'servers', 'port', 'version', 'ver', 'name', 'names',
  'id', 'ids', 'user', 'username', 'login', 'email', 'length', 'len', 'size', 'min', 'max', 'expiry', 'expiration',
  'expires', 'expire', 'ttl', 'timeout', 'lifetime', 'minutes', 'seconds', 'hours', 'days', 'type', 'mode', 'method',
  'enabled', 'enable', 'disabled', 'required', 'header', 'prefix', 'suffix', 'hint', 'policy', 'format', 'algorithm',
  'algo', 'alg', 'provider', 'issuer', 'audience', 'scope', 'scopes', 'count', 'age', 'ref', 'field', 'helper',
  'store', 'backend', 'plugin', 'env', 'var', 'variable', 'mount', 'source', 'target', 'dest', 'destination',
  'owner', 'group', 'uid', 'gid', 'label', 'pattern', 'regex', 'realm', 'region', 'arn', 'manager', 'class', 'kind',
  'engine', 'namespace', 'keyid', 'level', 'strategy', 'dirname', 'filename', 'command', 'cmd', 'script',
  'program', 'bin', 'binary', 'cache', 'config', 'configuration', 'settings', 'stdin', 'stdout',
]);
/** Words that make the variable a switch or a policy about a secret (`MYSQL_ALLOW_EMPTY_PASSWORD`). */
const MODIFIER_WORDS = new Set([
  'allow', 'empty', 'random', 'generate', 'generated', 'require', 'required', 'disable', 'disabled', 'enable',
  'enabled', 'skip', 'no', 'use', 'without', 'reset', 'change', 'prompt', 'ask', 'check', 'verify', 'validate',
  'strength', 'rotate', 'rotation', 'insecure', 'anonymous',
]);
/** Names that are secrets although their words do not say so clearly enough. */
const KNOWN_SECRET_NAMES = new Set([
  'SSHPASS', 'DOCKER_AUTH_CONFIG', 'COMPOSER_AUTH', 'NPM_CONFIG__AUTH', 'NPM_CONFIG__AUTHTOKEN', 'PGPASSWORD',
  'MYSQL_PWD', 'CONSUL_HTTP_TOKEN', 'RAILS_MASTER_KEY', 'SECRET_KEY_BASE', 'DJANGO_SECRET_KEY', 'SENTRY_DSN_SECRET',
]);
/** Names that look secret but are documented to hold something else (a path, the working directory). */
const KNOWN_NON_SECRET_NAMES = new Set([
  'PWD', 'OLDPWD', 'GOOGLE_APPLICATION_CREDENTIALS', 'AWS_SHARED_CREDENTIALS_FILE', 'GIT_ASKPASS', 'SSH_ASKPASS',
  'SUDO_ASKPASS', 'DOCKER_CONFIG', 'TOKENIZERS_PARALLELISM', 'KEY', 'KEYS', 'PASS',
]);

/**
 * True when a variable, label, flag or key name says it holds a secret: password, passwd, pwd, secret,
 * token, api key, private/access/secret key, credentials, auth (`BASIC_AUTH`), and well-known names
 * (`AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`, `NPM_TOKEN`, `DOCKER_PASSWORD`, `SSHPASS`, …).
 * Not: references to a secret (`*_FILE`, `*_PATH`, `*_DIR`, `*_URL`, `*_NAME`, `*_ID`, `TOKEN_ENDPOINT`),
 * switches (`MYSQL_ALLOW_EMPTY_PASSWORD`), public or verification material (`GPG_KEYS`, `PUBLIC_KEY`,
 * `*_SHA256`), versions (`DOCKER_AUTH_VERSION`), and words that merely contain one (`AUTHOR`, `OAUTH_CLIENT_ID`,
 * `TOKENIZERS_PARALLELISM`).
 */
export function looksLikeSecretName(name: string): boolean {
  if (name.length > 200) return false;
  const upper = name.replace(/^[-]+/, '').toUpperCase();
  if (KNOWN_NON_SECRET_NAMES.has(upper)) return false;
  if (KNOWN_SECRET_NAMES.has(upper)) return true;
  const words = nameWords(name);
  if (!words.length) return false;
  if (words.some((w) => NEVER_WORDS.has(w) || MODIFIER_WORDS.has(w))) return false;
  const last = words[words.length - 1];
  if (NON_SECRET_LAST.has(last)) {
    // Vault AppRole's secret_id is the credential.
    return last === 'id' && words[words.length - 2] === 'secret';
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const prev = words[i - 1];
    const isLast = i === words.length - 1;
    if (SECRET_WORDS.has(w)) return true;
    if (/(?:password|passwd|token|secret)$/.test(w) && !/^(?:no|non)/.test(w)) return true;
    if (w === 'pwd' && words.length > 1) return true;
    if (w === 'pass' && isLast && words.length > 1) return true;
    if (/^(?:root|admin|db|user|ldap|smtp|mail|ftp|redis)pass$/.test(w)) return true;
    if ((w === 'auth' || w === 'authorization') && isLast) return true;
    if ((w === 'key' || w === 'keys') && prev !== undefined && KEY_QUALIFIERS.has(prev)) return true;
    if (w === 'pat' && isLast && prev !== undefined && /^(?:github|gh|gitlab|git|ado|azure|devops)$/.test(prev)) return true;
  }
  return false;
}

// ---- values -----------------------------------------------------------------------------------

/**
 * True when a literal value assigned to a secret-looking name looks like a real secret rather than a
 * setting: 8–500 characters without blanks, not a path or URL, not a version or a plain word phrase,
 * and with enough entropy and character variety.
 */
export function looksLikeSecretValue(value: string): boolean {
  const v = value;
  if (v.length < 8 || v.length > 500 || /\s/.test(v)) return false;
  if (isPlaceholder(v)) return false;
  if (/^(?:\.{0,2}\/|~\/)/.test(v) || v.includes('://')) return false;
  if (/^[0-9.:_-]+$/.test(v)) return false; // numbers, versions, ports, dates
  if (/^[A-Za-z._-]+$/.test(v)) return false; // words: mysecretpassword, some-config-name
  let classes = 0;
  if (/[a-z]/.test(v)) classes++;
  if (/[A-Z]/.test(v)) classes++;
  if (/[0-9]/.test(v)) classes++;
  if (/[^A-Za-z0-9]/.test(v)) classes++;
  const h = shannonEntropy(v);
  const threshold = Math.min(3.0, Math.log2(v.length) - 0.5);
  return (classes >= 2 && h >= threshold) || (v.length >= 20 && h >= 3.5);
}

// ---- detectors --------------------------------------------------------------------------------

interface Detector {
  kind: SecretKind;
  re: RegExp;
  /** Offsets of the secret within the match (default: the whole match). */
  locate?: (m: RegExpExecArray) => [number, number];
  /** Extra check on the secret. */
  accept?: (secret: string) => boolean;
  /** Literal text every match contains (one of them): texts without any are skipped without running `re`. */
  hints: string[];
}

const PRIVATE_KEY_BEGIN = /-----BEGIN ([A-Z0-9 ]{0,60})PRIVATE KEY(?: BLOCK)?-----/g;
const PRIVATE_KEY_END = /-----END [A-Z0-9 ]{0,60}PRIVATE KEY(?: BLOCK)?-----/g;

const DETECTORS: Detector[] = [
  {
    kind: 'aws-access-key-id',
    hints: ['AKIA', 'ASIA'],
    re: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    accept: (s) => !isPlaceholder(s) && /[0-9]/.test(s.slice(4)),
  },
  {
    kind: 'google-api-key',
    hints: ['AIza'],
    re: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g,
    accept: (s) => !isPlaceholder(s.slice(4)),
  },
  {
    kind: 'github-token',
    hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{50,251})(?![A-Za-z0-9_])/g,
    accept: (s) => !isPlaceholder(s.replace(/^gh[pousr]_|^github_pat_/, '')),
  },
  {
    kind: 'gitlab-token',
    hints: ['glpat-', 'glrt-', 'gldt-', 'glptt-'],
    re: /(?<![A-Za-z0-9_-])gl(?:pat|rt|dt|ptt)-[A-Za-z0-9_-]{20,100}(?![A-Za-z0-9_-])/g,
    accept: (s) => !isPlaceholder(s.slice(s.indexOf('-') + 1)),
  },
  {
    kind: 'slack-webhook',
    hints: ['https://hooks.slack.com/services/T'],
    re: /(?<![A-Za-z0-9])https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,40}(?![A-Za-z0-9])/g,
    accept: (s) => !isPlaceholder(s.slice(s.lastIndexOf('/') + 1)),
  },
  {
    kind: 'slack-token',
    hints: ['xox'],
    re: /(?<![A-Za-z0-9-])xox[abprse]-[0-9]{1,20}-[A-Za-z0-9-]{8,250}(?![A-Za-z0-9-])/g,
    accept: (s) => !isPlaceholder(s.slice(5)),
  },
  {
    kind: 'npm-token',
    hints: ['npm_'],
    re: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    accept: (s) => !isPlaceholder(s.slice(4)),
  },
  {
    kind: 'pypi-token',
    hints: ['pypi-AgE'],
    re: /(?<![A-Za-z0-9_-])pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,2000}/g,
  },
  {
    kind: 'jwt',
    hints: ['eyJ'],
    re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{16,2000}(?![A-Za-z0-9_-])/g,
  },
  {
    // scheme://user:password@ — the password (just before the `@`) is the secret.
    kind: 'url-password',
    hints: ['@'],
    re: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}:\/\/[^\s:/?#@'"`<>\\]{1,256}:([^\s/?#@'"`<>\\]{1,256})@/g,
    locate: (m) => [m.index + m[0].length - 1 - m[1].length, m.index + m[0].length - 1],
    accept: (s) => !isPlaceholder(s),
  },
  {
    // `Authorization: Bearer <token>` / `Basic <base64>` in curl/wget headers; not when the value is `$TOKEN`.
    kind: 'authorization-header',
    hints: ['Authorization'],
    re: /(?<![A-Za-z0-9_-])(?:Proxy-)?Authorization["']?[ \t]{0,20}[:=][ \t]{0,20}["']?(?:Bearer|Basic|Token|bearer|basic|token)[ \t]{1,20}([A-Za-z0-9._~+/=-]{8,})(?![^\s"'`;&|,)}\]])/g,
    locate: (m) => [m.index + m[0].length - m[1].length, m.index + m[0].length],
    accept: (s) => s.length <= 2000 && !isPlaceholder(s) && !/^[A-Za-z]+$/.test(s),
  },
];

/**
 * `NAME=value`, `NAME: value`, `"name": "value"`, `--name=value` where NAME looks secret and the literal
 * value looks like a real secret. The name starts at a word boundary (or after `-`/`--` that follows
 * one); the value runs to a delimiter and is checked in code (so the pattern never backtracks over it).
 * The search is written out: ASSIGNMENT_START finds the next place a name may start, the sticky ASSIGNMENT is tried
 * there only, so each try reads at most a name (81), blanks and quotes (42) before the value, and a value it reads
 * ends the match (the next search starts after it): linear. As one `/g` pattern with the start condition as a
 * lookbehind, the checker could not see that bound and found it quadratic.
 */
const ASSIGNMENT_START = /(?<![A-Za-z0-9_./]-?)[A-Za-z_]/g;
const ASSIGNMENT = /([A-Za-z_][A-Za-z0-9_.-]{0,80})["']?[ \t]{0,20}(?:=|:(?!\/\/))[ \t]{0,20}["']?([^\s"'`$;&|<>(){}[\],\\]{8,})/y;

/** Each `name = value` match in `text`, in order, non-overlapping, as the former `/g` pattern found them. */
export function assignments(text: string): { index: number; whole: string; name: string; value: string }[] {
  const out: { index: number; whole: string; name: string; value: string }[] = [];
  let from = 0;
  for (;;) {
    ASSIGNMENT_START.lastIndex = from;
    const start = ASSIGNMENT_START.exec(text);
    if (!start) break;
    ASSIGNMENT.lastIndex = start.index;
    const m = ASSIGNMENT.exec(text);
    if (!m) {
      from = start.index + 1;
      continue;
    }
    out.push({ index: m.index, whole: m[0], name: m[1], value: m[2] });
    from = m.index + m[0].length;
  }
  return out;
}
const VALUE_END = /["'`\s;&|,)}\]]/;

/**
 * Where the literal value of an assignment lies in `text`, or undefined when it is not a literal. The pattern's value
 * stops at the first delimiter. After an opening quote the literal runs to the closing quote instead, since blanks
 * and `;,)}]` are ordinary characters inside quotes. So `KEY="abcd1234 other words"` is judged as the whole quoted
 * text, not as `abcd1234`: the same text that `ENV KEY abcd1234 other words`, the legacy form, gives its pair check.
 * An unclosed quote keeps the pattern's end. In double quotes a `$` or a `\` (expansion, escape) means no literal.
 */
function quotedValue(text: string, a: { index: number; whole: string; value: string }): [number, number] | undefined {
  const end = a.index + a.whole.length;
  const start = end - a.value.length;
  if (end < text.length && !VALUE_END.test(text[end])) return undefined; // runs into `$X`, `(`, …: not a literal
  const quote = text[start - 1];
  if ((quote !== '"' && quote !== "'") || text[end] === quote) return [start, end];
  const close = text.indexOf(quote, end);
  if (close < 0 || close - start > 500) return close < 0 ? [start, end] : undefined;
  if (quote === '"' && /[$\\`]/.test(text.slice(end, close))) return undefined;
  return [start, close];
}

/**
 * Every literal credential in `text`, in order, non-overlapping: private key blocks, AWS access key
 * IDs, GitHub/GitLab/Slack/npm/PyPI tokens, JWTs, passwords in URLs, and high-entropy literals assigned
 * to secret-looking names. Placeholders and variable references are skipped.
 */
export function findSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  findPrivateKeys(text, found);
  for (const d of DETECTORS) {
    if (!d.hints.some((h) => text.includes(h))) continue;
    d.re.lastIndex = 0;
    for (let m = d.re.exec(text); m; m = d.re.exec(text)) {
      const [start, end] = d.locate ? d.locate(m) : [m.index, m.index + m[0].length];
      if (d.accept && !d.accept(text.slice(start, end))) continue;
      found.push({ kind: d.kind, start, end });
    }
  }
  for (const a of assignments(text)) {
    const value = quotedValue(text, a);
    if (!value) continue;
    const [start, end] = value;
    if (end - start > 500 || !looksLikeSecretName(a.name) || !looksLikeSecretValue(text.slice(start, end))) continue;
    found.push({ kind: 'assigned-secret', start, end, name: a.name });
  }
  return dedupe(found);
}

/** Keeps the first of overlapping matches (in the order given), then sorts by position. */
export function dedupe<T extends { start: number; end: number }>(matches: T[]): T[] {
  const kept: T[] = [];
  for (const m of matches) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** `-----BEGIN … PRIVATE KEY-----` through its `-----END … PRIVATE KEY-----` (or the header alone when truncated). */
function findPrivateKeys(text: string, out: SecretMatch[]): void {
  const begins: RegExpExecArray[] = [];
  const ends: RegExpExecArray[] = [];
  PRIVATE_KEY_BEGIN.lastIndex = 0;
  for (let m = PRIVATE_KEY_BEGIN.exec(text); m; m = PRIVATE_KEY_BEGIN.exec(text)) begins.push(m);
  if (!begins.length) return;
  PRIVATE_KEY_END.lastIndex = 0;
  for (let m = PRIVATE_KEY_END.exec(text); m; m = PRIVATE_KEY_END.exec(text)) ends.push(m);
  let e = 0;
  for (let b = 0; b < begins.length; b++) {
    const m = begins[b];
    const headerEnd = m.index + m[0].length;
    while (e < ends.length && ends[e].index < headerEnd) e++;
    const nextBegin = begins[b + 1]?.index ?? Infinity;
    if (!hasKeyBody(text, headerEnd)) continue;
    const end = e < ends.length && ends[e].index < nextBegin ? ends[e].index + ends[e][0].length : headerEnd;
    out.push({ kind: 'private-key', start: m.index, end, name: m[1].trim() || undefined });
  }
}

/**
 * Key material follows the BEGIN line: PEM headers (`Proc-Type:`) or a run of 40+ base64 characters
 * with both cases (not a hex checksum) within the next lines, also when split over `echo` lines.
 */
function hasKeyBody(text: string, from: number): boolean {
  const next = text.slice(from, from + 400);
  if (/^[\s"'\\n]{0,20}Proc-Type:/.test(next)) return true;
  const runs = next.match(/[A-Za-z0-9+/]{40,}/g) ?? [];
  return runs.some((r) => /[A-Z]/.test(r) && /[a-z]/.test(r));
}
