/**
 * Quick fixes the suite applies and checks to the letter. One case per fix: the fixture text, the rule whose
 * diagnostic offers it, the action's title and the text after applying it. fixable.e2e.ts runs every case, and
 * independently checks that every finding the CLI calls `fixable` offers quick fixes that remove it.
 *
 * Issues that add fixes add their cases here.
 */
export interface QuickFixCase {
  /** Shown in the test title. */
  name: string;
  /** The workspace file the case edits (unsaved; its text is restored afterwards). */
  file: string;
  /** The file's text before the fix. */
  before: string;
  /** The rule whose diagnostic offers the fix. */
  rule: string;
  /** The code action's title. */
  title: string;
  /** The whole text after the fix. */
  after: string;
  /** Files the fix creates (paths relative to the workspace, with `/`) and their content; removed afterwards. */
  creates?: { path: string; content: string }[];
}

/** A service that publishes a port, has a capability and a literal secret: what the Compose cases start from. */
const COMPOSE_CAPS = 'services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - NET_BIND_SERVICE\n';

export const QUICK_FIX_CASES: QuickFixCase[] = [
  {
    name: 'sudo where the build already runs as root',
    file: 'Dockerfile',
    before: 'FROM ubuntu\nRUN sudo apt-get update\n',
    rule: 'no-sudo',
    title: 'Remove sudo',
    after: 'FROM ubuntu\nRUN apt-get update\n',
  },
  {
    name: 'sudo after USER app',
    file: 'Dockerfile',
    before: 'FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update\n',
    rule: 'no-sudo',
    title: 'Replace sudo with USER root around this RUN',
    after: 'FROM ubuntu:24.04\nUSER app\nUSER root\nRUN apt-get update\nUSER app\n',
  },
  {
    name: 'no USER in a Debian-based final stage',
    file: 'Dockerfile',
    before: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nCMD ["curl", "--version"]\n',
    rule: 'no-root-user',
    title: 'Add non-root USER: create user app (UID 10001)',
    after:
      'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n' +
      'RUN groupadd -g 10001 app && useradd -u 10001 -g app -l -m app\nUSER 10001:10001\n' +
      'CMD ["curl", "--version"]\n',
  },
  {
    name: 'Compose: a service without cap_drop keeps the capabilities it adds',
    file: 'compose.yaml',
    before: COMPOSE_CAPS,
    rule: 'compose-cap-drop-all',
    title: 'Drop capabilities: add `cap_drop: [ALL]`',
    after: `${COMPOSE_CAPS}    cap_drop:\n      - ALL\n`,
  },
  {
    name: 'Compose: a dangerous capability',
    file: 'compose.yaml',
    before: `${COMPOSE_CAPS}      - SYS_ADMIN\n`,
    rule: 'compose-dangerous-cap',
    title: 'Remove `SYS_ADMIN` from `cap_add`',
    after: COMPOSE_CAPS,
  },
  {
    name: 'Compose: no-new-privileges appended to a flow list',
    file: 'compose.yaml',
    before: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: [seccomp=./profile.json]\n',
    rule: 'compose-no-new-privileges',
    title: 'Add `no-new-privileges:true` to `security_opt`',
    after: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: [seccomp=./profile.json, "no-new-privileges:true"]\n',
  },
  {
    name: 'Compose: a port published on all interfaces',
    file: 'compose.yaml',
    before: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80" # the site\n',
    rule: 'compose-port-all-interfaces',
    title: 'Publish port 8080 on 127.0.0.1 only',
    after: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80" # the site\n',
  },
  {
    name: 'Compose: a literal password in environment moves to a secret file',
    file: 'compose.yaml',
    before: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n      POSTGRES_PASSWORD: "Xk9#mQ2vL7pR4tW8"\n',
    rule: 'compose-secret-in-environment',
    title: 'Move POSTGRES_PASSWORD to the Compose secret `db_postgres_password` (read through POSTGRES_PASSWORD_FILE)',
    after:
      'services:\n  db:\n    secrets:\n      - db_postgres_password\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n' +
      '      POSTGRES_PASSWORD_FILE: /run/secrets/db_postgres_password\nsecrets:\n  db_postgres_password:\n    file: ./secrets/db_postgres_password.txt\n',
    creates: [
      { path: 'secrets/db_postgres_password.txt', content: 'Xk9#mQ2vL7pR4tW8' },
      { path: 'secrets/.gitignore', content: '# Secret files: never commit them.\n*\n' },
    ],
  },
  {
    name: 'Compose: the obsolete version key',
    file: 'compose.yaml',
    before: '# Production stack\nversion: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n',
    rule: 'compose-version-obsolete',
    title: 'Remove the obsolete `version` key',
    after: '# Production stack\nservices:\n  web:\n    image: nginx:1.27\n',
  },
  {
    name: 'Compose: ignore a finding for its key',
    file: 'compose.yaml',
    before: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
    rule: 'compose-privileged',
    title: 'Ignore compose-privileged for this line',
    after: 'services:\n  web:\n    image: nginx:1.27\n    # bulwark-ignore compose-privileged\n    privileged: true\n',
  },
  {
    name: 'Compose: ignore a rule for the file, after the leading comment',
    file: 'compose.yaml',
    before: '# Dev stack\nservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
    rule: 'compose-privileged',
    title: 'Ignore compose-privileged for this file',
    after: '# Dev stack\n# bulwark-ignore-file compose-privileged\nservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
  },
];
