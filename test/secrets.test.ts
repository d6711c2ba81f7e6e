import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  findSecrets,
  isPlaceholder,
  looksLikeSecretName,
  looksLikeSecretValue,
  maskSecret,
  nameWords,
  shannonEntropy,
} from '../server/core/secrets';
import type { SecretKind } from '../server/core/secrets';
import { FAKE, fakeString, privateKey } from './helpers/fake-secrets';

/** The secrets found in `text`, as [kind, secret text]. */
function found(text: string): [SecretKind, string][] {
  return findSecrets(text).map((m) => [m.kind, text.slice(m.start, m.end)]);
}

describe('maskSecret', () => {
  it('shows nothing for short values', () => {
    assert.equal(maskSecret(''), '');
    assert.equal(maskSecret('hunter2'), '');
  });
  it('shows at most the first 4 characters, then an ellipsis', () => {
    assert.equal(maskSecret('Zq7mK2pX9w'), 'Zq…');
    assert.equal(maskSecret(FAKE.githubClassic), 'ghp_…');
    for (const v of Object.values(FAKE).filter((x): x is string => typeof x === 'string')) {
      const m = maskSecret(v);
      assert.ok(m === '' || (m.endsWith('…') && m.length <= 5 && v.startsWith(m.slice(0, -1))), `${m} for a value of ${v.length}`);
    }
  });
});

describe('shannonEntropy', () => {
  it('measures bits per character', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('ab'), 1);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.ok(shannonEntropy(FAKE.apiKey) > 4);
  });
});

describe('isPlaceholder', () => {
  for (const v of ['', '  ', '${TOKEN}', '$TOKEN', '$(cat /run/secrets/x)', '<your-token>', '<TOKEN>', '{{ .Token }}', 'changeme', 'CHANGE_ME',
    'change-me', 'example', 'my-example-key', 'xxxxxxxx', 'XXXX-XXXX', '***', '********', '...', 'password', 'secret', 'root', '"changeme"',
    'your_api_key_here', 'dummy-token', 'fake', 'placeholder', 'AKIAIOSFODNN7EXAMPLE', '00000000', 'null', 'true']) {
    it(`placeholder: ${JSON.stringify(v)}`, () => assert.equal(isPlaceholder(v), true));
  }
  for (const v of ['lgNvGyhnUKpa5PJi', 'S3cr3tPassw0rd', FAKE.apiKey, FAKE.password, 'hunter2']) {
    it(`not a placeholder: ${v.slice(0, 4)}…`, () => assert.equal(isPlaceholder(v), false));
  }
});

describe('looksLikeSecretName', () => {
  it('splits names into words', () => {
    assert.deepEqual(nameWords('AWS_SECRET_ACCESS_KEY'), ['aws', 'secret', 'access', 'key']);
    assert.deepEqual(nameWords('apiKey'), ['api', 'key']);
    assert.deepEqual(nameWords('APIKey'), ['api', 'key']);
    assert.deepEqual(nameWords('x-api-token'), ['x', 'api', 'token']);
    assert.deepEqual(nameWords('_authToken'), ['auth', 'token']);
  });
  const secret = [
    'PASSWORD', 'DB_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'PGPASSWORD', 'dbPassword', 'SMTP_PASSWD', 'MYSQL_PWD', 'DB_PWD', 'RABBITMQ_DEFAULT_PASS',
    'LDAP_ROOTPASS', 'SECRET', 'JWT_SECRET', 'CLIENT_SECRET', 'SECRET_KEY', 'SECRET_KEY_BASE', 'DJANGO_SECRET_KEY', 'TOKEN', 'GITHUB_TOKEN',
    'GH_TOKEN', 'NPM_TOKEN', 'NODE_AUTH_TOKEN', 'CI_JOB_TOKEN', 'HF_TOKEN', 'AUTH_TOKEN', 'ACCESS_TOKEN', 'API_KEY', 'APIKEY', 'apiKey', 'x-api-key',
    'NUGET_API_KEY', 'PRIVATE_KEY', 'SSH_PRIVATE_KEY', 'SSH_KEY', 'ACCESS_KEY', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'LICENSE_KEY',
    'RAILS_MASTER_KEY', 'APP_KEY', 'ENCRYPTION_KEY', 'CREDENTIALS', 'GOOGLE_CREDENTIALS', 'BASIC_AUTH', 'NPM_AUTH', 'COMPOSER_AUTH', 'AUTH',
    'DOCKER_PASSWORD', 'DOCKERHUB_PASSWORD', 'DOCKER_AUTH_CONFIG', 'SSHPASS', 'VAULT_SECRET_ID', 'PASSPHRASE', 'GITHUB_PAT', 'HTTP_AUTHORIZATION',
    'com.example.password', 'password', '_authToken',
  ];
  const notSecret = [
    'GPG_KEY', 'GPG_KEYS', 'WORDPRESS_CLI_GPG_KEY', 'KEY', 'KEYS', 'PYTHON_GET_PIP_SHA256', 'NODE_SHA256', 'PUBLIC_KEY', 'SSH_PUBLIC_KEY',
    'NEXT_PUBLIC_API_KEY', 'STRIPE_PUBLISHABLE_KEY', 'RECAPTCHA_SITE_KEY', 'POSTGRES_PASSWORD_FILE', 'SECRET_KEY_FILE', 'PRIVATE_KEY_PATH',
    'SECRETS_DIR', 'TOKEN_URL', 'TOKEN_ENDPOINT', 'SECRET_NAME', 'AUTHOR', 'AUTHORS', 'OAUTH_CLIENT_ID', 'AWS_ACCESS_KEY_ID', 'KEY_ID',
    'DOCKER_AUTH_VERSION', 'OAUTH2_PROXY_VERSION', 'KEEPASSXC_VERSION', 'TOKENIZERS_PARALLELISM', 'MYSQL_ALLOW_EMPTY_PASSWORD',
    'MYSQL_RANDOM_ROOT_PASSWORD', 'POSTGRES_HOST_AUTH_METHOD', 'PASSWORD_MIN_LENGTH', 'ACCESS_TOKEN_EXPIRE_MINUTES', 'PASS_MAX_DAYS', 'PWD',
    'OLDPWD', 'NOPASSWD', 'GOOGLE_APPLICATION_CREDENTIALS', 'AWS_SHARED_CREDENTIALS_FILE', 'GIT_ASKPASS', 'AUTH_ENABLED', 'DISABLE_AUTH',
    'KEYCLOAK_ADMIN', 'PASSENGER_VERSION', 'PUBKEY', 'GITHUB_TOKEN_USER', 'SECRETS_MANAGER_REGION', 'PASS', 'TOKEN_TTL', 'password-stdin',
  ];
  for (const n of secret) it(`secret: ${n}`, () => assert.equal(looksLikeSecretName(n), true));
  for (const n of notSecret) it(`not secret: ${n}`, () => assert.equal(looksLikeSecretName(n), false));
});

describe('looksLikeSecretValue', () => {
  for (const v of ['lgNvGyhnUKpa5PJi', FAKE.apiKey, FAKE.password, 'Zq7mK2pX9wLr', '45a2bb8bf2bb5eff16fdd00faef6f297']) {
    it(`secret-like: ${v.slice(0, 4)}…`, () => assert.equal(looksLikeSecretValue(v), true));
  }
  for (const v of ['mysecretpassword', 'some-config-name', '/run/secrets/token', './key', 'https://example.com', '1.2.3', '2024-01-01', 'true',
    'short', 'changeme123', '${TOKEN}', 'has blank inside', 'ghcr.io']) {
    it(`not secret-like: ${v}`, () => assert.equal(looksLikeSecretValue(v), false));
  }
});

describe('findSecrets detectors', () => {
  it('private key blocks, from BEGIN to END', () => {
    const key = privateKey('OPENSSH');
    assert.deepEqual(found(`before\n${key}\nafter`), [['private-key', key]]);
    assert.equal(findSecrets(key)[0].name, 'OPENSSH');
    assert.deepEqual(found(privateKey('')).map(([k]) => k), ['private-key']);
    assert.deepEqual(found(privateKey('EC', '\\n')), [['private-key', privateKey('EC', '\\n')]], 'one-line echo with \\n escapes');
  });
  it('a truncated block is reported by its header; a header without key material is not', () => {
    const header = '-----BEGIN RSA PRIVATE KEY-----';
    assert.deepEqual(found(`${header}\n${FAKE.privateKeyBody[0]}`), [['private-key', header]]);
    assert.deepEqual(found(`grep "${header}" file`), []);
    assert.deepEqual(found(`${header}\n...\n-----END RSA PRIVATE KEY-----`), []);
  });
  it('two blocks stay two', () => {
    const a = privateKey('RSA');
    const b = privateKey('EC');
    assert.deepEqual(found(`${a}\n${b}`), [['private-key', a], ['private-key', b]]);
  });
  it('AWS access key ids', () => {
    assert.deepEqual(found(`id=${FAKE.awsKeyId};`), [['aws-access-key-id', FAKE.awsKeyId]]);
    assert.deepEqual(found('AKIAIOSFODNN7EXAMPLE'), [], 'documentation example');
    assert.deepEqual(found(`X${FAKE.awsKeyId}`), [], 'inside a longer word');
  });
  it('GitHub tokens', () => {
    assert.deepEqual(found(`token ${FAKE.githubClassic}`), [['github-token', FAKE.githubClassic]]);
    assert.deepEqual(found(`https://${FAKE.githubFineGrained}@github.com`), [['github-token', FAKE.githubFineGrained]]);
    for (const p of ['gho_', 'ghu_', 'ghs_', 'ghr_']) {
      const t = p + fakeString(36, 40);
      assert.deepEqual(found(t), [['github-token', t]]);
    }
    assert.deepEqual(found('ghp_' + 'x'.repeat(36)), [], 'placeholder');
    assert.deepEqual(found('ghp_' + fakeString(20)), [], 'too short');
  });
  it('GitLab, Slack, npm, PyPI and Google tokens', () => {
    assert.deepEqual(found(FAKE.gitlab), [['gitlab-token', FAKE.gitlab]]);
    assert.deepEqual(found(`"${FAKE.slackToken}"`), [['slack-token', FAKE.slackToken]]);
    assert.deepEqual(found('xoxb-your-token-here'), []);
    assert.deepEqual(found(FAKE.slackWebhook), [['slack-webhook', FAKE.slackWebhook]]);
    assert.deepEqual(found(`:_authToken=${FAKE.npm}`), [['npm-token', FAKE.npm]]);
    assert.deepEqual(found(`-p ${FAKE.pypi} dist/*`), [['pypi-token', FAKE.pypi]]);
    assert.deepEqual(found(`key=${FAKE.google}&q=1`), [['google-api-key', FAKE.google]]);
  });
  it('JSON Web Tokens', () => {
    assert.deepEqual(found(`Bearer ${FAKE.jwt}`), [['jwt', FAKE.jwt]]);
    assert.deepEqual(found('eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.'), [], 'unsigned');
  });
  it('passwords in URLs, not variables or placeholders', () => {
    assert.deepEqual(found('git clone https://deploy:Zq7mK2pX9wLr@git.example.com/app.git'), [['url-password', 'Zq7mK2pX9wLr']]);
    assert.deepEqual(found('postgres://app:s3cr3t@db:5432/app'), [['url-password', 's3cr3t']]);
    assert.deepEqual(found('https://oauth2:${TOKEN}@gitlab.com/x.git https://u:$PW@x.org http://proxy:3128 ssh://git@github.com'), []);
    assert.deepEqual(found('https://user:<password>@x.org https://user:changeme@x.org https://user:***@x.org'), []);
  });
  it('credentials in Authorization headers', () => {
    assert.deepEqual(found(`curl -H "Authorization: Bearer ${FAKE.apiKey}" https://x`), [['authorization-header', FAKE.apiKey]]);
    assert.deepEqual(found(`--header='Authorization: Basic ${FAKE.apiKey}=='`), [['authorization-header', FAKE.apiKey + '==']]);
    assert.deepEqual(found('curl -H "Authorization: Bearer $TOKEN" -H "Authorization: Bearer ${TOKEN}" -H "Authorization: token <token>"'), []);
  });
  it('high-entropy values assigned to secret-looking names', () => {
    assert.deepEqual(found(`export API_KEY=${FAKE.apiKey}`), [['assigned-secret', FAKE.apiKey]]);
    assert.deepEqual(found(`"client_secret": "${FAKE.apiKey}",`), [['assigned-secret', FAKE.apiKey]]);
    assert.deepEqual(found(`password: ${FAKE.password}\n`), [['assigned-secret', FAKE.password]]);
    assert.deepEqual(found(`--api-token=${FAKE.apiKey} x`), [['assigned-secret', FAKE.apiKey]]);
    assert.equal(findSecrets(`DB_PASSWORD=${FAKE.password}`)[0].name, 'DB_PASSWORD');
  });
  it('a quoted value runs to its closing quote: the whole quoted text is judged', () => {
    assert.deepEqual(found(`LICENSE_KEY="lgNvGyhnUKpa5PFROM shurshun/openresty:latest"`), [], 'blanks inside: not one secret');
    assert.deepEqual(found(`password: 'lgNvGyhnUKpa5P and more'`), []);
    assert.deepEqual(found(`API_KEY="${FAKE.apiKey},v2"`), [['assigned-secret', `${FAKE.apiKey},v2`]], 'a comma inside quotes is literal');
    assert.deepEqual(found(`API_KEY="${FAKE.apiKey};x$HOME"`), [], 'an expansion inside double quotes: no literal');
    assert.deepEqual(found(`API_KEY="${FAKE.apiKey} x`), [['assigned-secret', FAKE.apiKey]], 'an unclosed quote keeps the first word');
    assert.deepEqual(found(`API_KEY="${FAKE.apiKey}" other`), [['assigned-secret', FAKE.apiKey]]);
  });
  it('no false positives on checksums, fingerprints, digests and settings', () => {
    const text = [
      'ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305',
      'ENV PYTHON_GET_PIP_SHA256=45a2bb8bf2bb5eff16fdd00faef6f29731831c7c59bd9fc2bf1f3bed511ff1fe',
      'FROM node@sha256:45a2bb8bf2bb5eff16fdd00faef6f29731831c7c59bd9fc2bf1f3bed511ff1fe',
      'KEY=0x3B4FE6ACC0B21F32',
      'POSTGRES_PASSWORD_FILE=/run/secrets/postgres-passwd',
      'TOKEN=$(cat /run/secrets/token)',
      `TOKEN=${FAKE.apiKey}$SUFFIX`,
      'DB_PASSWORD=mysecretpassword',
      '#   /etc/passwd:22:postgres:x:70:70::/var/lib/postgresql:/bin/sh',
      'SECRET_NAME=projects/acme/secrets/db-password-2024',
    ].join('\n');
    assert.deepEqual(found(text), []);
  });
});

describe('findSecrets runs in linear time', () => {
  const N = 50_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);
  const inputs: Record<string, string> = {
    'a run of a': fill('a'),
    'a run of A': fill('A'),
    'mixed base64': fill('aZ09+/'),
    'base64url with dots': fill('aZ09-_.'),
    '-----BEGIN ': fill('-----BEGIN '),
    'BEGIN PRIVATE KEY headers': fill('-----BEGIN RSA PRIVATE KEY-----\n'),
    'BEGIN with body, no END': '-----BEGIN RSA PRIVATE KEY-----\n' + fill(FAKE.privateKeyBody[0] + '\n'),
    '-----END ': fill('-----END '),
    eyJ: fill('eyJ'),
    'eyJ parts': fill('eyJaaaaaaaaaa.'),
    '://a:': fill('://a:'),
    'ab://cd:': fill('ab://cd:'),
    'scheme then long user': 'ab://' + fill('c'),
    'scheme then long password': 'ab://u:' + fill('p'),
    'a=a=': fill('a=a='),
    'a-a-': fill('a-a-'),
    'a:a:': fill('a:a:'),
    'password=': fill('password='),
    'password=x ': fill('password=x '),
    '"token": "': fill('"token": "'),
    'ghp_': fill('ghp_'),
    'github_pat_': fill('github_pat_'),
    'glpat-': fill('glpat-'),
    'xoxb-1-': fill('xoxb-1-'),
    'slack hooks': fill('https://hooks.slack.com/services/T'),
    AKIA: fill('AKIA'),
    'npm_': fill('npm_'),
    'pypi-': fill('pypi-AgEIcHlwaS5vcmc'),
    AIza: fill('AIza'),
    blanks: fill(' \t\n'),
    'x:': fill('x:'),
    'Authorization: Bearer ': fill('Authorization: Bearer '),
    'Authorization: Bearer + long token': 'Authorization: Bearer ' + fill('a') + '$',
    '$': fill('$'),
  };
  // Warm up the regular expressions once.
  findSecrets('warm up ' + FAKE.jwt);
  for (const [name, input] of Object.entries(inputs)) {
    it(`${name} (${input.length} chars) under 200 ms`, () => {
      const t0 = performance.now();
      findSecrets(input);
      isPlaceholder(input);
      looksLikeSecretName(input);
      looksLikeSecretValue(input);
      maskSecret(input);
      const ms = performance.now() - t0;
      assert.ok(ms < 200, `${name}: ${ms.toFixed(1)} ms`);
    });
  }
});
