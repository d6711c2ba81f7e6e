/**
 * Collects the regular expressions of the analysis from its source, with the TypeScript compiler's parser (not a text
 * search, so a `/` in a string or a comment is not taken for a regex): every regex literal, and every
 * `new RegExp(…)` / `RegExp(…)` whose pattern is a string or template literal. A template's `${…}` parts are unknown
 * at scan time; they are replaced by a plain letter (they hold escaped literals such as the escape character or a
 * keyword in this code base) and the regex is marked `dynamic`. Patterns built from non-literal expressions are
 * listed as `opaque`, so a reader sees what the scan could not check.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface FoundRegex {
  file: string;
  line: number;
  source: string;
  flags: string;
  dynamic: boolean;
}

export interface ScanResult {
  regexes: FoundRegex[];
  opaque: { file: string; line: number; text: string }[];
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

/** The pattern of a string-like literal node, with `${…}` replaced by `a`; undefined when it is not a literal. */
function literalPattern(node: ts.Expression): { text: string; dynamic: boolean } | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { text: node.text, dynamic: false };
  if (ts.isTemplateExpression(node)) {
    return { text: node.head.text + node.templateSpans.map((s) => 'a' + s.literal.text).join(''), dynamic: true };
  }
  return undefined;
}

export function scanRegexes(root: string, base = root): ScanResult {
  const regexes: FoundRegex[] = [];
  const opaque: ScanResult['opaque'] = [];
  for (const file of walk(root)) {
    const text = fs.readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const rel = path.relative(base, file);
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = (node as ts.RegularExpressionLiteral).text;
        const slash = literal.lastIndexOf('/');
        regexes.push({ file: rel, line: lineOf(node), source: literal.slice(1, slash), flags: literal.slice(slash + 1), dynamic: false });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const args = node.arguments ?? [];
        const pattern = args[0] ? literalPattern(args[0]) : undefined;
        const flags = args[1] && (ts.isStringLiteral(args[1]) || ts.isNoSubstitutionTemplateLiteral(args[1])) ? args[1].text : '';
        if (pattern) regexes.push({ file: rel, line: lineOf(node), source: pattern.text, flags, dynamic: pattern.dynamic });
        else opaque.push({ file: rel, line: lineOf(node), text: node.getText(sf).slice(0, 120) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { regexes, opaque };
}
