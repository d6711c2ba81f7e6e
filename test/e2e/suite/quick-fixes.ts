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
}

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
];
