/**
 * References from one stage to another: `COPY --from=<stage|index|image>` and
 * `RUN --mount=…,from=<stage|index|image>`. The builder resolves such a name to a stage by name
 * (case-insensitively) or by index, and otherwise treats it as an image or a named build context.
 */
import type { DfInstruction, DockerfileModel } from './model';
import type { Range } from '../types';
import { unquote } from './variables';

export interface StageReference {
  instr: DfInstruction;
  /** `COPY --from` or `RUN --mount=from=`. */
  via: 'copy' | 'mount';
  /** The value as written (variables and all). */
  raw: string;
  /** After ARG/ENV substitution and quote removal, lower-cased as the builder compares it; undefined when unknown. */
  value: string | undefined;
  /** Where `raw` is. */
  range: Range;
}

export function stageReferences(model: DockerfileModel): StageReference[] {
  const refs: StageReference[] = [];
  for (const instr of model.instructions) {
    if (!instr.stage || (instr.keyword !== 'COPY' && instr.keyword !== 'RUN')) continue;
    for (const flag of instr.flags) {
      if (flag.value === null) continue;
      const start = model.offsetAt(flag.range.start);
      const text = model.text.slice(start, model.offsetAt(flag.range.end));
      let from: number;
      let to: number;
      let via: StageReference['via'];
      if (instr.keyword === 'COPY' && flag.name === 'from') {
        from = text.indexOf('=') + 1;
        to = text.length;
        via = 'copy';
      } else if (instr.keyword === 'RUN' && flag.name === 'mount') {
        const m = /(^|[,"'=])from=/.exec(text.slice(text.indexOf('=') + 1));
        if (!m) continue;
        from = text.indexOf('=') + 1 + m.index + m[1].length + 'from='.length;
        to = from;
        while (to < text.length && !/[,"']/.test(text[to])) to++;
        via = 'mount';
      } else {
        continue;
      }
      const raw = text.slice(from, to);
      if (raw === '') continue;
      const resolved = model.resolve(raw, instr);
      refs.push({
        instr,
        via,
        raw,
        value: resolved === undefined ? undefined : unquote(resolved).toLowerCase(),
        range: model.rangeOf(start + from, start + to),
      });
    }
  }
  return refs;
}

/** How the reference is written in a message: `COPY --from=x` or `RUN --mount=…,from=x`. */
export function describeReference(ref: StageReference): string {
  return ref.via === 'copy' ? `COPY --from=${ref.raw}` : `RUN --mount=…from=${ref.raw}`;
}
