/**
 * Answers computed once per shell command object (its unwrapped and effective command, its package manager call, its
 * words resolved through ARG/ENV), kept on the object itself under symbol keys. They were WeakMaps: a WeakMap lookup
 * per question was ~6% of a Dockerfile analysis (rules ask the same questions of every command, many times).
 *
 * The properties are non-enumerable, so copies made with `{ ...cmd }` (command views) start without them, and
 * `assert.deepEqual`, `JSON.stringify` and `Object.keys` see the command as before. Commands and their views are never
 * modified once built, so an answer kept for an object stays right.
 */
export const UNWRAPPED = Symbol('bulwark.unwrapped');
export const EFFECTIVE = Symbol('bulwark.effective');
export const MANAGER = Symbol('bulwark.packageManager');
export const RESOLVED = Symbol('bulwark.resolved');

/** The answer kept on `obj` under `key`, if any. */
export function memoOf<V>(obj: object, key: symbol): V | undefined {
  return (obj as { [k: symbol]: V | undefined })[key];
}

/** Keeps `value` on `obj` under `key` (non-enumerable; replaced by a later call). */
export function keepMemo<V>(obj: object, key: symbol, value: V): V {
  Object.defineProperty(obj, key, { value, writable: true, configurable: true, enumerable: false });
  return value;
}
