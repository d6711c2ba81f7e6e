import type { ComposeEntry } from '../../compose/model';
import { deleteLines } from '../../fixes/edits';
import type { Fix } from '../../types';
import type { ComposeRule } from '../rule';

/**
 * The top-level `version:` key. The fix removes the key's own lines (the key and its value, nothing around them) when
 * the key is written alone on its line(s).
 */
const rule: ComposeRule = {
  meta: {
    id: 'compose-version-obsolete',
    title: 'Obsolete top-level `version` key',
    severity: 'info',
    category: 'correctness',
    kind: 'compose',
    description: 'Reports the top-level `version:` key of a Compose file (in every YAML document of the file that has one).',
    rationale:
      'The Compose Specification made `version` informative only: Docker Compose ignores it and warns that it is obsolete, so it no longer selects a file format. Keeping it suggests the file is validated against an old format, while Compose actually applies the current specification.',
    howToFix: 'Delete the `version:` line. If a name for the project is wanted, use the top-level `name:` key instead.',
    example: {
      bad: 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n',
    },
    aliases: ['dclint no-version-field'],
    references: [
      { title: 'Compose file reference: version and name top-level elements', url: 'https://docs.docker.com/reference/compose-file/version-and-name/' },
    ],
  },
  check(ctx) {
    for (const entry of ctx.model.version) {
      const fix = removeKey(entry);
      ctx.report(
        entry.keyRange,
        `The top-level \`version\` key${entry.text ? ` (\`${entry.text}\`)` : ''} is obsolete: Compose ignores it.`,
        fix ? [fix] : undefined,
      );
    }
  },
};

/** Deletes the key's lines when nothing else is written on them (a trailing comment goes with the line). */
function removeKey(entry: ComposeEntry): Fix | undefined {
  if (entry.via) return undefined;
  const lines = entry.model.lines;
  const range = entry.entryRange;
  const before = lines.lineText(range.start.line).slice(0, range.start.character);
  const after = lines.lineText(range.end.line).slice(range.end.character);
  if (before.trim() !== '' || !/^\s*(#.*)?$/.test(after)) return undefined;
  return { title: 'Remove the obsolete `version` key', edits: [deleteLines(lines, range.start.line, range.end.line)], safe: true, isPreferred: true };
}

export default rule;
