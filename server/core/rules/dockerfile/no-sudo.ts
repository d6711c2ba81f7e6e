import { unwrapOnce } from '../../dockerfile/shell';
import type { DockerfileRule } from '../rule';
import { hadolint } from '../rule';

const rule: DockerfileRule = {
  meta: {
    id: 'no-sudo',
    title: 'sudo used in RUN',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    description: 'Reports `sudo` (and `doas`) invoked in a `RUN` command.',
    rationale:
      'RUN already executes as the current `USER`; sudo only works if the image keeps a sudoers grant, which lets any process in the running container that gains that user escalate to root. It also makes builds depend on TTY and PAM behaviour.',
    howToFix:
      'Remove `sudo`. Run the privileged steps while the stage is still root, then switch to the unprivileged user with `USER` for the steps and the runtime that do not need root.',
    example: {
      bad: 'FROM debian:12\nUSER app\nRUN sudo apt-get update',
      good: 'FROM debian:12\nRUN apt-get update\nUSER app',
    },
    aliases: ['DL3004', 'DS0010', 'CKV2_DOCKER_1', 'KICS Run Using Sudo'],
    references: [hadolint('DL3004')],
  },
  check(ctx) {
    for (const { command } of ctx.model.runCommands()) {
      // Also `env X=1 sudo …`: look through wrappers until sudo itself.
      let cmd = command;
      for (let next = cmd; cmd.name !== 'sudo' && cmd.name !== 'doas' && (next = unwrapOnce(cmd)) !== cmd; ) cmd = next;
      if (cmd.name === 'sudo' || cmd.name === 'doas') {
        const r = ctx.model.rangeOf(cmd.command.start, cmd.command.end);
        ctx.report(r, `\`${cmd.name}\` in RUN: the build already runs as the current USER; do root steps before switching USER.`);
      }
    }
  },
};

export default rule;
