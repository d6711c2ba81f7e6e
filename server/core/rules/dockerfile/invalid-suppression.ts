import type { DockerfileRule } from '../rule';

/**
 * Reported by the engine itself (server/core/suppressions.ts), which reads suppression comments: a comment that names
 * no known rule suppresses nothing, and the author should know. One rule for both kinds of file: the engine reports it
 * for Compose files as well (its meta says `dockerfile` because its example is one).
 */
const rule: DockerfileRule = {
  meta: {
    id: 'invalid-suppression',
    title: 'Suppression comment names an unknown rule',
    severity: 'warning',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      'Reports a rule name in a `# bulwark-ignore`, `# bulwark-ignore-file`, `# hadolint ignore=` or `# check=skip=` comment that is neither a Bulwark rule id nor an alias of one. Compose files are checked too (their `# bulwark-ignore` and `# bulwark-ignore-file` comments), under this same id.',
    rationale:
      'A misspelt suppression silences nothing, so the finding it was meant to acknowledge keeps appearing — or, worse, the reader believes a risk was reviewed and accepted when the comment has no effect.',
    howToFix:
      'Correct the name to a Bulwark rule id (see docs/rules/) or an alias such as a hadolint `DL` code, or remove the comment.',
    example: {
      bad: '# bulwark-ignore no-sudoo\nFROM alpine:3.20\n',
      good: '# bulwark-ignore no-sudo -- the base image needs it\nFROM alpine:3.20\n',
    },
    aliases: [],
    references: [],
  },
  check() {
    // The engine reports this rule from the suppression comments it reads.
  },
};

export default rule;
