/**
 * dockerfile-ast recomputes an instruction's argument list from its text on every `getRawArguments()` call, and its
 * own constructors (RUN, the JSON-form instructions, flag parsing) and the parser's heredoc pass call it 3–4 times per
 * instruction; the rules call it again. That scan was ~25% of a keystroke's analysis of a 1,000-line Dockerfile.
 *
 * An instruction never changes after it is built (its document, ranges and escape character are set in its
 * constructor and never assigned again), so its raw arguments are computed once per instance and each call returns a
 * fresh array of the same (read-only) Argument objects: callers such as ModifiableInstruction.getArguments `shift()`
 * the array they get. Installed once when the model is loaded; the result equals the library's (tested over the
 * corpus and mutated files against the unmemoized method).
 */
import { Instruction } from 'dockerfile-ast';
import type { Argument } from 'dockerfile-ast';
import { activeArgumentCache } from './argument-cache';

type RawArguments = (this: Instruction) => Argument[];

const proto = Instruction.prototype as unknown as { getRawArguments: RawArguments };
const unmemoized: RawArguments = proto.getRawArguments;
/** Kept on the instance: a WeakMap lookup per call showed in profiles at nearly the cost of the scan it saves. */
const COMPUTED = Symbol('bulwark.rawArguments');
type Memo = Instruction & { [COMPUTED]?: Argument[] };

function memoized(this: Memo): Argument[] {
  let args = this[COMPUTED];
  if (args === undefined) {
    // While a model is being built, through the argument cache of its document (argument-cache.ts).
    const cache = proto.getRawArguments === memoized ? activeArgumentCache() : undefined;
    args = cache ? cache.argumentsOf(this, unmemoized) : unmemoized.call(this);
    this[COMPUTED] = args;
  }
  return args.slice();
}

proto.getRawArguments = memoized;

/** Runs `body` with the library's own (unmemoized) method: for the test comparing both. */
export function withoutArgumentMemo<T>(body: () => T): T {
  proto.getRawArguments = unmemoized;
  try {
    return body();
  } finally {
    proto.getRawArguments = memoized;
  }
}
