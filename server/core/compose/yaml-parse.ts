/**
 * Reading a Compose file's YAML with a bounded amount of work on garbage.
 *
 * `parseAllDocuments` lists every syntax error: a mutated 40 KB file (15,000 `${A}` in an unclosed `{`, thousands of
 * `""` on a line, `&& && …`) gives 10,000–38,000 of them, and making each one (an Error object, then its composition)
 * cost more than the rest of the parse (issue #8's fuzzing: 40–180 ms for such a file). Docker Compose stops at the
 * first error and Bulwark lists at most MAX_YAML_PROBLEMS, so here the stream is composed as `parseAllDocuments` does
 * (same Parser and Composer, same options, same documents) but stops once it has made more than MAX_YAML_ERRORS
 * errors. The file is then read again up to where the error that overflowed begins (a prefix: at most a few
 * thousand errors' worth of text), so the rules still get documents — made by the same parser from the file's own
 * text, safe like any other broken file — and the model says where reading stopped (`stoppedAt`).
 *
 * Below the limit the result is the one `parseAllDocuments` gives (test/robustness/yaml-error-limit.test.ts: the corpus
 * and fuzzed files). Real files have a handful of errors; the limit is far above them and above what is listed.
 *
 * The `yaml` package also reads `process.env.LOG_TOKENS` for every token (and `LOG_STREAM` for every top-level
 * one), a lookup into the process environment that costs about 0.3 µs — up to 30% of the parse on a dense file. While a parse runs (it
 * is synchronous: nothing else can read the environment meanwhile) `process.env` is an empty object, and Error stack
 * traces are off (the errors made here need none), both restored before returning.
 */
import { Composer, Lexer, Parser, Schema } from 'yaml';
import type { CST, Document, DocumentOptions, ErrorCode, ParseOptions, SchemaOptions, YAMLError } from 'yaml';

type Token = CST.Token;

/** Past this many YAML errors the rest of the file is not read. */
export const MAX_YAML_ERRORS = 1000;
/**
 * Past this many documents (`---` / `...` separated) the rest of the file is not read: Compose files have one or a
 * few, and each costs the `yaml` package a schema of its own (15,000 `...` lines: 100 ms).
 */
export const MAX_YAML_DOCUMENTS = 1000;

export interface ComposeYaml {
  documents: Document.Parsed[];
  /** The errors of a stream without documents (e.g. a directive without a document), as parseAllDocuments lists them. */
  streamErrors: YAMLError[];
  /** When the file had more than MAX_YAML_ERRORS errors: the offset at which reading stopped (the rest is unread). */
  stoppedAt?: number;
  /** Why reading stopped: too many errors, or too many documents. */
  stopReason?: 'errors' | 'documents';
}

type Options = ParseOptions & DocumentOptions & SchemaOptions;

/** Thrown (and caught below) to leave the composer once the error limit is passed. */
const STOP = Symbol('too many YAML errors');

/** What the composer reports an error with (yaml's compose/composer.d.ts ErrorSource). */
type ErrorSource = number | [number, number] | readonly number[] | { offset: number; source?: string };
type ComposeErrorHandler = (source: ErrorSource, code: ErrorCode, message: string, warning?: boolean) => void;

/** The start of an error's source, as the composer gives it (see yaml's compose/composer.js getErrorPos). */
function errorStart(source: ErrorSource): number {
  if (typeof source === 'number') return source;
  if (typeof source !== 'object' || !('offset' in source)) return source[0];
  return source.offset;
}

/**
 * Parses `text` as a YAML stream (like `parseAllDocuments(text, options)` with `prettyErrors: false`), stopping
 * after MAX_YAML_ERRORS errors or MAX_YAML_DOCUMENTS documents: then the documents are those of the text before the
 * error (or document) that passed the limit.
 */
export function parseComposeYaml(text: string, options: Options, limit = MAX_YAML_ERRORS, documentLimit = MAX_YAML_DOCUMENTS): ComposeYaml {
  options = withSharedSchema(text, options);
  return withoutTracesOrEnv(() => {
    let source = text;
    let stoppedAt: number | undefined;
    let stopReason: ComposeYaml['stopReason'];
    // The prefix holds the errors counted so far plus those its cut makes (an unclosed collection at its end): it is
    // read with twice the limits. Each retry reads a strictly shorter prefix; after three, nothing is read.
    for (let attempt = 0; attempt < 4; attempt++) {
      const factor = attempt === 0 ? 1 : 2;
      const read = readStream(source, options, factor * limit, factor * documentLimit);
      if (read.stoppedAt === undefined) return { ...read, stoppedAt, stopReason };
      stoppedAt = read.stoppedAt;
      stopReason ??= read.stopReason;
      source = source.slice(0, read.stoppedAt);
    }
    return { documents: [], streamErrors: [], stoppedAt: 0, stopReason };
  });
}

/**
 * A line with more tokens than this is read in a probe first (below): Compose files written as YAML have a few tokens
 * a line; a line this long is JSON on one line, or garbage.
 */
const PROBE_LINE_TOKENS = 8192;

/**
 * One pass over the stream, or the offset of the error that passed `limit`.
 *
 * The parser builds a whole document before the composer sees any of it, so on one 40 KB line of garbage the error
 * limit would be checked only after the whole line is tokenized (20,000 tokens: most of the remaining cost). So when
 * a line reaches PROBE_LINE_TOKENS tokens (then 4, 16, … times as many), the text up to there is read on its own first: if
 * that prefix already passes the limit, its result is the answer and the rest is never tokenized. Otherwise reading
 * goes on, undisturbed (the probes cost at most a third more than reading that line: a long line of valid JSON
 * pays that).
 */
function readStream(text: string, options: Options, limit: number, documentLimit: number, probe = true): ComposeYaml {
  const lexer = new Lexer();
  const parser = new Parser();
  const composer = new Composer(options);
  let errors = 0;
  let stopAt = -1;
  let stopReason: ComposeYaml['stopReason'] = 'errors';
  // The composer reports each error through its onError property (read each time it composes a document).
  const c = composer as unknown as { onError: ComposeErrorHandler };
  const record = c.onError;
  c.onError = (source, code, message, warning) => {
    // The composer catches what a tag's resolution throws and reports it as an error on the enclosing node: once
    // stopped, every later report throws again, and the first stop's offset is kept.
    if (stopAt >= 0) throw STOP;
    record(source, code, message, warning);
    if (!warning && ++errors > limit) {
      stopAt = errorStart(source);
      throw STOP;
    }
  };
  const documents: Document.Parsed[] = [];
  const take = (tokens: Generator<Token>) => {
    for (const token of tokens) {
      // The parser's error tokens (outside documents) become errors without going through onError.
      if (token.type === 'error' && ++errors > limit) {
        stopAt = token.offset;
        throw STOP;
      }
      for (const doc of composer.next(token)) {
        if (documents.push(doc) > documentLimit && 'offset' in token) {
          stopAt = token.offset;
          stopReason = 'documents';
          throw STOP;
        }
      }
    }
  };
  let lineTokens = 0;
  let probeAt = PROBE_LINE_TOKENS;
  try {
    // As Parser.parse does (the documented way to drive it), with a look at each token's line.
    for (const lexeme of lexer.lex(text)) {
      const first = lexeme.charCodeAt(0);
      if (first === 10 || first === 13) {
        lineTokens = 0;
        probeAt = PROBE_LINE_TOKENS;
      } else if (++lineTokens >= probeAt && probe && parser.offset < text.length) {
        probeAt *= 4;
        // Without probes of its own: the shorter prefixes of this line were probed already.
        const prefix = readStream(text.slice(0, parser.offset), options, limit, documentLimit, false);
        if (prefix.stoppedAt !== undefined) return prefix;
      }
      take(parser.next(lexeme));
    }
    take(parser.end());
    for (const doc of composer.end()) documents.push(doc);
  } catch (e) {
    if (e !== STOP) throw e;
    return { documents: [], streamErrors: [], stoppedAt: Math.max(0, Math.min(stopAt, text.length - 1)), stopReason };
  }
  if (documents.length > 0) return { documents, streamErrors: [] };
  return { documents, streamErrors: composer.streamInfo().errors };
}

/**
 * Each document gets the schema its YAML version names, built anew by the `yaml` package (its tag list assembled and
 * the custom tags added: a few percent of reading a small file). With `options.schema` set, every document uses that
 * one instead: here the one the package would build for YAML 1.2 with these options, made once per options object.
 * Only when that is the schema every document would get and nothing changes it: no `%YAML` directive (a document
 * may ask for 1.1), and no `!!` tag, `%TAG` directive or `tag:yaml.org` name (the package adds a YAML known tag such
 * as `!!binary` to a document's schema the first time the document uses it).
 */
const withSchemas = new WeakMap<Options, Options>();

function withSharedSchema(text: string, options: Options): Options {
  if (options.schema !== undefined || options.version !== undefined || schemaMayChange(text)) return options;
  let withSchema = withSchemas.get(options);
  if (!withSchema) {
    // As Document.setSchema('1.2', options) builds it.
    const schema = new Schema(Object.assign({ resolveKnownTags: true, schema: 'core' }, options));
    withSchema = { ...options, schema };
    withSchemas.set(options, withSchema);
  }
  return withSchema;
}

/** A `%YAML` or `%TAG` directive, a `!!` tag or a `tag:yaml.org` name in the text (plain searches: a regex alternation costs more). */
function schemaMayChange(text: string): boolean {
  return (text.includes('%') && (text.includes('%YAML') || text.includes('%TAG'))) || text.includes('!!') || text.includes('tag:yaml.org');
}

const NO_ENV: NodeJS.ProcessEnv = {};

function withoutTracesOrEnv<T>(fn: () => T): T {
  const traces = Error.stackTraceLimit;
  const env = process.env;
  Error.stackTraceLimit = 0;
  process.env = NO_ENV;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = traces;
    process.env = env;
  }
}
