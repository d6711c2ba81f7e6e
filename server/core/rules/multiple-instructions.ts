/**
 * The check shared by multiple-cmd, multiple-entrypoint and multiple-healthcheck: an instruction that sets one
 * image setting, written more than once in a stage. Only the last one counts; each earlier one is reported at its
 * keyword, with a fix that deletes it (all its lines).
 */
import type { DockerfileContext } from './rule';
import { deleteLines } from '../fixes/edits';

export function reportEarlierInstructions(ctx: DockerfileContext, keyword: 'CMD' | 'ENTRYPOINT' | 'HEALTHCHECK'): void {
  const { model } = ctx;
  for (const stage of model.stages) {
    // `ONBUILD CMD …` has the keyword ONBUILD: it sets nothing for this stage and is not counted.
    const list = model.instructionsOf(keyword, stage);
    for (const instr of list.slice(0, -1)) {
      const line = instr.range.start.line + 1;
      // No line numbers in the message: they shift when an earlier instruction is removed.
      ctx.report(
        instr.keywordRange,
        `This ${keyword} has no effect: a later ${keyword} in the same stage replaces it.`,
        [
          {
            title: `Remove the earlier ${keyword} (line ${line})`,
            edits: [deleteLines(model.lines, instr.range.start.line, instr.range.end.line)],
            safe: true,
            isPreferred: true,
          },
        ],
      );
    }
  }
}
