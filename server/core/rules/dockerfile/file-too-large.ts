import type { DockerfileRule } from '../rule';

/**
 * Reported by the engine itself (server/core/engine.ts, `analyze`), which cuts a very long file before analyzing it.
 * One rule for both kinds of file: the engine reports it for Compose files as well (its meta says `dockerfile` because
 * its example is one).
 */
const rule: DockerfileRule = {
  meta: {
    id: 'file-too-large',
    title: 'File too large: only its beginning is analyzed',
    severity: 'warning',
    category: 'correctness',
    kind: 'dockerfile',
    description:
      'Reports a Dockerfile or Compose file longer than the analysis limit — 5,000 lines or 500,000 characters (`maxLines` in the options) — on its first line. Only the lines before the limit are analyzed; fixes that would edit past them are not offered.',
    rationale:
      'Real Dockerfiles and Compose files are a few hundred lines at most; a far longer file is generated or not one at all. Analyzing it whole would stall the editor on every keystroke, and silently stopping would hide that its end was never checked.',
    howToFix:
      'Split the file (multi-stage builds can move to several Dockerfiles; Compose files can `include:` others), or leave it out of the analysis (`bulwark.exclude`). Turning this rule off in the configuration silences the notice; the limit still applies.',
    example: {
      bad: 'FROM alpine:3.20\nRUN echo one\nRUN echo two\nUSER app\n',
      good: 'FROM alpine:3.20\nRUN echo one\nUSER app\n',
    },
    exampleOptions: { maxLines: 3 },
    aliases: [],
    references: [],
  },
  check() {
    // The engine reports this rule when it cuts the file.
  },
};

export default rule;
