import type { ComposeRule } from '../rule';

/**
 * Every YAML error and warning the parser reports, at its position, plus aliases the model refuses to expand (alias
 * bombs, recursive aliases) or cannot resolve. The `yaml` package recovers from errors, so the rest of the file is
 * still analyzed by the other rules.
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-yaml-syntax',
    title: 'Compose file is not valid YAML',
    severity: 'error',
    category: 'correctness',
    kind: 'compose',
    description:
      'Reports each YAML syntax error and warning at the position where parsing failed: bad indentation, unclosed quotes or brackets, duplicate keys, tabs used for indentation, unresolved or excessive aliases, unknown tags.',
    rationale:
      'Docker Compose refuses a file that is not valid YAML (`docker compose up` stops with a parse error), and a duplicate key or a mis-indented line can silently move a setting to the wrong service before it fails — the security settings written there then never apply.',
    howToFix:
      'Fix the YAML at the reported position: indent with spaces consistently, close quotes and brackets, keep each key once per mapping, and define an anchor (`&name`) before its aliases (`*name`).',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n     ports: ["127.0.0.1:8080:80"]\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["127.0.0.1:8080:80"]\n',
    },
    aliases: [],
    references: [
      { title: 'YAML 1.2 specification', url: 'https://yaml.org/spec/1.2.2/' },
      { title: 'Compose file reference', url: 'https://docs.docker.com/reference/compose-file/' },
    ],
  },
  check(ctx) {
    for (const p of ctx.model.problems) ctx.report(p.range, p.message);
  },
};

export default rule;
