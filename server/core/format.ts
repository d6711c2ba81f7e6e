/**
 * Number formatting and string ordering without ICU. `toLocaleString` and `localeCompare` load ICU's locale and
 * collation data on first use: ~12 MB more resident in the language server (node's binary pages and ICU's caches,
 * docs/memory.md), for counts in messages and rule ids that are plain ASCII.
 */

/** An integer with its thousands grouped by commas, as `toLocaleString('en-US')` writes it: 1234 → "1,234". */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n);
  const plain = String(Math.abs(n));
  let digits = plain.slice(0, plain.length % 3 || 3);
  for (let i = digits.length; i < plain.length; i += 3) digits += `,${plain.slice(i, i + 3)}`;
  return n < 0 || Object.is(n, -0) ? `-${digits}` : digits;
}

/**
 * Orders two strings by UTF-16 code units. For rule ids (lower-case letters, digits and `-`) this is the order
 * `localeCompare` gives under ICU's root collation: `-` before digits before letters, a prefix first.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
