import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/compose/compose-secret-in-environment';
import { applyEdits } from '../../server/core/fixes/edits';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

const PW = 'Xk3p9qLm2vR7';
const path = '/proj/compose.yaml';

ruleTester(rule, {
  valid: [
    'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n',
    { name: 'no value (from the shell)', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD\n' },
    { name: '_FILE pointing at a secret', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n' },
    { name: 'placeholder', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD=changeme\n' },
    { name: 'not a secret name', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: Xk3p9qLm2vR7\n' },
    { name: 'unknown variable', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - "POSTGRES_PASSWORD=${PW:?required}"\n' },
    { name: 'switch', code: 'services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ALLOW_EMPTY_PASSWORD: "yes"\n' },
  ],
  invalid: [
    {
      // Found by fuzzing: a root mapping indented by one space got a `secrets:` key at column 0 (a YAML error).
      name: 'the new top-level secrets: key is indented like the root mapping',
      code: ` services:\n   db:\n     image: postgres:16\n     environment:\n       POSTGRES_PASSWORD: ${PW}\n`,
      options: { path },
      errors: [{ line: 5, column: 27 }],
      output: ' services:\n   db:\n     secrets:\n       - db_postgres_password\n     image: postgres:16\n     environment:\n       POSTGRES_PASSWORD_FILE: /run/secrets/db_postgres_password\n secrets:\n   db_postgres_password:\n     file: ./secrets/db_postgres_password.txt\n',
    },
    {
      // Found by fuzzing (100k run, seed 20261125): a byte-order mark before `services:` was counted as a column, and
      // the new top-level `secrets:` went one column in (a YAML error).
      name: 'a byte-order mark opening the file is not a column of the root mapping',
      code: `\uFEFFservices:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${PW}\n`,
      options: { path },
      errors: [{ line: 5, column: 26 }],
      output: '\uFEFFservices:\n  db:\n    secrets:\n      - db_postgres_password\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_postgres_password\nsecrets:\n  db_postgres_password:\n    file: ./secrets/db_postgres_password.txt\n',
    },
    {
      // Found by fuzzing (100k run, seed 20261129): the file's last line break was a lone CR, and the line feed added
      // before the new top-level `secrets:` made a CRLF of it in an LF file.
      name: 'a file ending in a lone CR gets no line feed after it',
      code: `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${PW}\r`,
      options: { path },
      errors: [{ line: 5, column: 26 }],
      output: 'services:\n  db:\n    secrets:\n      - db_postgres_password\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_postgres_password\rsecrets:\n  db_postgres_password:\n    file: ./secrets/db_postgres_password.txt\n',
    },
    {
      // Found by fuzzing (seed 20261123): after a tag the key's column is not the root mapping's indentation: the new
      // top-level `secrets:` went at column 9, inside the last service. Keys after a tag or an anchor get no fix.
      name: 'no fix when a key the new lines are lined up with follows a tag or an anchor',
      code: `!!str services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${PW}\n`,
      options: { path },
      errors: [{ line: 5, column: 26 }],
      output: null,
    },
    {
      name: 'no fix when the service name follows an anchor',
      code: `services:\n  &db db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${PW}\n`,
      options: { path },
      errors: [{ line: 5, column: 26 }],
      output: null,
    },
    {
      code: `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: ${PW} # db\n`,
      options: { path },
      errors: [{ line: 6, column: 26, endColumn: 38, message: 'Service `db` sets `POSTGRES_PASSWORD` to a literal value in `environment`.' }],
      fixTitles: ['Move POSTGRES_PASSWORD to the Compose secret `db_postgres_password` (read through POSTGRES_PASSWORD_FILE)'],
      output: 'services:\n  db:\n    secrets:\n      - db_postgres_password\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_postgres_password # db\nsecrets:\n  db_postgres_password:\n    file: ./secrets/db_postgres_password.txt\n',
    },
    {
      name: 'list form, unknown image: variable removed, existing secrets extended',
      code: `services:\n  api:\n    image: example/api:2\n    environment:\n      - LOG_LEVEL=info\n      - "API_TOKEN=${PW}"\n    secrets:\n      - other\nsecrets:\n  other:\n    file: ./other.txt\n`,
      options: { path },
      errors: [{ line: 6 }],
      output: 'services:\n  api:\n    image: example/api:2\n    environment:\n      - LOG_LEVEL=info\n    secrets:\n      - other\n      - api_api_token\nsecrets:\n  other:\n    file: ./other.txt\n  api_api_token:\n    file: ./secrets/api_api_token.txt\n',
    },
    {
      name: 'the only variable: environment removed',
      code: `services:\n  api:\n    image: example/api:2\n    environment:\n      SECRET_KEY: ${PW}\n`,
      options: { path },
      errors: [{ line: 5, column: 19 }],
      output: 'services:\n  api:\n    secrets:\n      - api_secret_key\n    image: example/api:2\nsecrets:\n  api_secret_key:\n    file: ./secrets/api_secret_key.txt\n',
    },
    {
      name: 'flow environment: reported, no fix',
      code: `services:\n  db:\n    image: mysql:8\n    environment: {MYSQL_ROOT_PASSWORD: ${PW}}\n`,
      options: { path },
      errors: [{ line: 4, column: 40 }],
      output: null,
    },
    {
      name: 'default of an interpolation is a literal (no fix)',
      code: `services:\n  db:\n    image: mysql:8\n    environment:\n      MYSQL_ROOT_PASSWORD: \${PW:-${PW}}\n`,
      options: { path },
      errors: [{ line: 5 }],
      output: null,
    },
    {
      name: 'merge key: at the anchor, no fix',
      code: `x-env: &env\n  environment:\n    DB_PASSWORD: ${PW}\nservices:\n  a:\n    image: x/y:1\n    <<: *env\n`,
      options: { path },
      errors: [{ line: 3, column: 18 }],
      output: null,
    },
    {
      name: 'credential elsewhere in the file',
      code: 'services:\n  app:\n    image: x/y:1\n    command: ["--db", "postgres://app:Xk3p9qLm2vR7@db/app"]\n',
      errors: [{ line: 4, message: 'The file contains a password in a URL written literally.' }],
    },
    {
      name: 'CRLF',
      code: `services:\r\n  db:\r\n    image: postgres:16\r\n    environment:\r\n      - POSTGRES_PASSWORD=${PW}\r\n      - POSTGRES_DB=app\r\n`,
      options: { path },
      errors: [{ line: 5 }],
      output: 'services:\r\n  db:\r\n    secrets:\r\n      - db_postgres_password\r\n    image: postgres:16\r\n    environment:\r\n      - POSTGRES_PASSWORD_FILE=/run/secrets/db_postgres_password\r\n      - POSTGRES_DB=app\r\nsecrets:\r\n  db_postgres_password:\r\n    file: ./secrets/db_postgres_password.txt\r\n',
    },
  ],
});

describe('compose-secret-in-environment', () => {
  const code = `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${PW}\n`;
  it('never shows the value, and the fix moves it out of the file', () => {
    const [f] = findingsFor(rule, { code, options: { path } });
    assert.ok(!f.message.includes(PW));
    const fix = f.fixes![0];
    assert.ok(!fix.title.includes(PW));
    assert.equal(fix.safe, false);
    assert.ok(!applyEdits(code, fix.edits).includes(PW));
    assert.deepEqual(fix.createFiles, [
      { path: '/proj/secrets/db_postgres_password.txt', content: PW },
      { path: '/proj/secrets/.gitignore', content: '# Secret files: never commit them.\n*\n' },
    ]);
  });
  it('no fix when the secret file exists already', () => {
    const [f] = findingsFor(rule, { code, options: { path, host: { exists: (p: string) => p.endsWith('db_postgres_password.txt') } } as never });
    assert.equal(f.fixes, undefined);
  });

  describe('the secret file is always covered by a .gitignore', () => {
    const ignoreAt = '/proj/secrets/.gitignore';
    const fixWith = (files: Record<string, string | null>) => {
      const host = {
        exists: (p: string) => p in files || Object.keys(files).some((f) => f.startsWith(`${p}/`)),
        readFile: (p: string) => files[p] ?? undefined,
      };
      const [f] = findingsFor(rule, { code, options: { path, host } } as never);
      return f.fixes?.[0];
    };
    it('an existing secrets/.gitignore that ignores the file is kept and not recreated', () => {
      for (const text of ['*\n!.gitignore\n', '# keep out\n*.txt\n', '/db_postgres_password.txt\n']) {
        const fix = fixWith({ [ignoreAt]: text })!;
        assert.deepEqual(fix.createFiles, [{ path: '/proj/secrets/db_postgres_password.txt', content: PW }], text);
        assert.match(applyEdits(code, fix.edits), /file: \.\/secrets\/db_postgres_password\.txt\n/);
      }
    });
    it('an existing secrets/.gitignore that does not ignore it: a sub-folder with its own created .gitignore', () => {
      for (const text of ['*.key\n', '*\n!*.txt\n', '']) {
        const fix = fixWith({ [ignoreAt]: text })!;
        assert.deepEqual(fix.createFiles, [
          { path: '/proj/secrets/db_postgres_password/db_postgres_password.txt', content: PW },
          { path: '/proj/secrets/db_postgres_password/.gitignore', content: '# Secret files: never commit them.\n*\n' },
        ], text);
        const out = applyEdits(code, fix.edits);
        assert.match(out, /file: \.\/secrets\/db_postgres_password\/db_postgres_password\.txt\n/);
        assert.ok(!out.includes(PW));
      }
    });
    it('an unreadable secrets/.gitignore is not trusted', () => {
      const fix = fixWith({ [ignoreAt]: null })!;
      assert.equal(fix.createFiles![1].path, '/proj/secrets/db_postgres_password/.gitignore');
    });
    it('no fix when the sub-folder it would need exists already', () => {
      assert.equal(fixWith({ [ignoreAt]: '*.key\n', '/proj/secrets/db_postgres_password/x': '' }), undefined);
    });
    it('no fix when the covered file exists already', () => {
      assert.equal(fixWith({ [ignoreAt]: '*\n', '/proj/secrets/db_postgres_password.txt': 'old' }), undefined);
    });
  });
});
