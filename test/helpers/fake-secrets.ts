/**
 * Made-up credentials in the shapes the secret detectors look for. They are generated (not written out)
 * so that the repository itself holds no literal that looks like a live token.
 */

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A deterministic pseudo-random string of `n` characters from `alphabet`. */
export function fakeString(n: number, seed = 1, alphabet = BASE62): string {
  let x = seed * 2654435761 || 1;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += alphabet[(x >>> 8) % alphabet.length];
  }
  return out;
}

const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64URL = BASE62 + '-_';

export const FAKE = {
  awsKeyId: 'AK' + 'IA' + fakeString(15, 2, UPPER_DIGITS) + '7',
  githubClassic: 'gh' + 'p_' + fakeString(36, 3),
  githubFineGrained: 'github' + '_pat_' + fakeString(22, 4) + '_' + fakeString(59, 5),
  gitlab: 'gl' + 'pat-' + fakeString(20, 6, B64URL),
  slackToken: 'xo' + 'xb-' + '1234567890' + '-' + '9876543210' + '-' + fakeString(24, 7),
  slackWebhook: 'https://hooks.slack.com/services/' + 'T' + fakeString(8, 8, UPPER_DIGITS) + '/B' + fakeString(8, 9, UPPER_DIGITS) + '/' + fakeString(24, 10),
  npm: 'np' + 'm_' + fakeString(36, 11),
  pypi: 'py' + 'pi-' + 'AgEIcHlwaS5vcmc' + fakeString(120, 12, B64URL),
  jwt: 'ey' + 'JhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' + '.' + 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkJvYiJ9' + '.' + fakeString(43, 13, B64URL),
  google: 'AI' + 'za' + fakeString(35, 14, B64URL),
  /** A high-entropy value such as an API key or a generated password. */
  apiKey: fakeString(32, 15),
  password: 'Zq7' + fakeString(9, 16) + '!x',
  privateKeyBody: [fakeString(64, 17, BASE62 + '+/'), fakeString(64, 18, BASE62 + '+/'), fakeString(40, 19, BASE62 + '+/') + '=='],
};

export function privateKey(type = 'RSA', eol = '\n'): string {
  const label = type ? `${type} PRIVATE KEY` : 'PRIVATE KEY';
  return [`-----BEGIN ${label}-----`, ...FAKE.privateKeyBody, `-----END ${label}-----`].join(eol);
}

/** 1-based line/column of the first occurrence of `needle` in `code`, and the end column on that line. */
export function at(code: string, needle: string, from = 0): { line: number; column: number; endColumn: number } {
  const i = code.indexOf(needle, from);
  if (i < 0) throw new Error(`${needle} not in code`);
  const before = code.slice(0, i);
  const line = before.split('\n').length;
  const column = i - before.lastIndexOf('\n');
  return { line, column, endColumn: column + needle.length };
}
