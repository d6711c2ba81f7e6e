import { validateComposeSchema } from '../../compose/schema';
import type { Fix } from '../../types';
import type { ComposeRule } from '../rule';

/**
 * The Compose Specification JSON schema (compose-spec/compose-go), validated with ajv; findings at the offending key or
 * value, in words, one per mistake (server/core/compose/schema.ts).
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-schema',
    title: 'Key or value the Compose Specification rejects',
    severity: 'error',
    category: 'correctness',
    kind: 'compose',
    description:
      'Validates each document of the file against the Compose Specification JSON schema: unknown keys (with the nearest valid key for typos), values of the wrong type, values outside their allowed set, missing required keys. Values written with variables that have no default (`${PORT}`) are not judged; `${VAR:-default}` is judged by its default.',
    rationale:
      'Docker Compose rejects a file the specification does not allow, and a misspelt key such as `cap_dorp` or `read-only` never takes effect: a hardening setting the author believes is applied silently is not.',
    howToFix:
      'Correct the key or value as the message says: rename a misspelt key to the suggested one, give the value the expected type (for example a list for `ports:`), or move a custom key under an `x-` prefix.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    read-only: true\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n',
    },
    aliases: [],
    references: [
      { title: 'Compose Specification', url: 'https://github.com/compose-spec/compose-spec/blob/main/spec.md' },
      { title: 'Compose file reference', url: 'https://docs.docker.com/reference/compose-file/' },
    ],
  },
  check(ctx) {
    for (const p of validateComposeSchema(ctx.model)) {
      const fixes: Fix[] = p.fixes.map((f) => ({
        title: f.title,
        edits: [{ range: f.range, newText: f.newText }],
        safe: f.safe,
        ...(f.isPreferred ? { isPreferred: true } : {}),
      }));
      ctx.report(p.range, p.message, fixes.length ? fixes : undefined);
    }
  },
};

export default rule;
