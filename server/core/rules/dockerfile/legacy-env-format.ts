import type { Property } from 'dockerfile-ast';
import type { DfInstruction, DockerfileModel } from '../../dockerfile/model';
import { replace } from '../../fixes/edits';
import type { Fix } from '../../types';
import type { DockerfileRule } from '../rule';

/**
 * How the legacy value must be written after `key=`: as is when the builder reads it as one word, in double quotes
 * when it has blanks but no quotes or escapes; undefined when rewriting it needs judgement. Line continuations (and
 * the comment lines inside them) are kept: the builder joins the lines before it splits words, in either form.
 */
function newFormValue(value: string, escapeChar: string): string | undefined {
  const esc = escapeChar.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const joined = value.replace(new RegExp(`${esc}[ \\t]*\\r?\\n(?:[ \\t]*(?:#[^\\n]*)?\\r?\\n)*`, 'g'), '');
  if (/[\r\n]/.test(joined)) return undefined;
  let quote = '';
  let blanks = false;
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === escapeChar && quote === '"') i++;
      continue;
    }
    if (c === escapeChar) i++;
    else if (c === '"' || c === "'") quote = c;
    // Any blank the builder splits words on (Go's unicode.IsSpace: U+2028 and NBSP too), not only space and tab.
    else if (/\s/.test(c)) blanks = true;
  }
  if (quote) return undefined;
  if (!blanks) return value;
  if (/["']/.test(joined) || joined.includes(escapeChar)) return undefined;
  return `"${value}"`;
}

function legacyProperty(instr: DfInstruction): Property | undefined {
  const props = (instr.ast as unknown as { getProperties(): Property[] }).getProperties();
  const [prop] = props;
  if (props.length !== 1 || prop.getAssignmentOperator() !== null || prop.getValue() === null || !prop.getValueRange()) return undefined;
  // A leading `--word` is a flag to the builder, for every instruction (syntax-error reports it), not a key.
  if (prop.getName().startsWith('--')) return undefined;
  return prop;
}

function fixFor(model: DockerfileModel, instr: DfInstruction, prop: Property): Fix[] {
  const nameStart = model.offsetAt(prop.getNameRange().start);
  const nameEnd = model.offsetAt(prop.getNameRange().end);
  // A key with quotes, `=` or the escape character reads differently before `=` than before a blank: `''x PASSWORD:`
  // became the key `''x=PASSWORD:` with no value (fuzzing, seed 20261128). Keys are plain words; such a key needs a person.
  const key = model.text.slice(nameStart, nameEnd);
  if (/["'=]/.test(key) || key.includes(model.escapeChar)) return [];
  const valueRange = prop.getValueRange()!;
  const valueStart = model.offsetAt(valueRange.start);
  const valueEnd = model.offsetAt(valueRange.end);
  const written = newFormValue(model.text.slice(valueStart, valueEnd), model.escapeChar);
  if (written === undefined) return [];
  // Comment lines between the key and the value would be lost by joining them.
  if (/^[ \t]*#/m.test(model.text.slice(nameEnd, valueStart))) return [];
  return [
    {
      title: `Rewrite as ${instr.keyword} ${prop.getName()}=…`,
      edits: [replace(model.rangeOf(nameEnd, valueEnd), `=${written}`)],
      safe: true,
      isPreferred: true,
    },
  ];
}

const rule: DockerfileRule = {
  meta: {
    id: 'legacy-env-format',
    title: 'ENV or LABEL in the legacy "key value" form',
    severity: 'info',
    category: 'correctness',
    kind: 'dockerfile',
    scope: 'instruction',
    description:
      "Reports `ENV key value` (and `LABEL key value`, which BuildKit's LegacyKeyValueFormat check also covers): a key and a value separated by blanks instead of `=`. `ARG` has no such form (`ARG a b` declares two arguments).",
    rationale:
      'In the legacy form everything after the first blank is the value, blanks included, so `ENV JAVA_OPTS -Xmx1g -Xms1g` sets one variable while `ENV A=1 B=2` sets two: the same-looking line means different things depending on whether an `=` appears first, and the form is deprecated and may be removed from the builder.',
    howToFix: 'Write `ENV key=value`, quoting the value when it contains blanks: `ENV JAVA_OPTS="-Xmx1g -Xms1g"`.',
    example: {
      bad: 'FROM eclipse-temurin:21-jre\nENV JAVA_OPTS -Xmx512m -XX:+UseG1GC\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]',
      good: 'FROM eclipse-temurin:21-jre\nENV JAVA_OPTS="-Xmx512m -XX:+UseG1GC"\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]',
    },
    aliases: ['BK LegacyKeyValueFormat'],
    references: [
      { title: 'BuildKit check: LegacyKeyValueFormat', url: 'https://docs.docker.com/reference/build-checks/legacy-key-value-format/' },
      { title: 'Dockerfile reference: ENV', url: 'https://docs.docker.com/reference/dockerfile/#env' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const instr of model.instructions) {
      if (instr.keyword !== 'ENV' && instr.keyword !== 'LABEL') continue;
      const prop = legacyProperty(instr);
      if (!prop) continue;
      // The value is never quoted in the message: ENV values can be secrets.
      ctx.report(
        model.rangeOf(model.offsetAt(prop.getNameRange().start), model.offsetAt(prop.getNameRange().end)),
        `${instr.keyword} \`${prop.getName()}\` uses the legacy "key value" form: write \`${instr.keyword} ${prop.getName()}=<value>\`.`,
        fixFor(model, instr, prop),
      );
    }
  },
};

export default rule;
