import { baseImage, hasPackageInStage } from '../../dockerfile/base-image';
import type { ImageFamily } from '../../dockerfile/base-image';
import type { ImageRef } from '../../dockerfile/image';
import type { DfInstruction, DockerfileModel, Stage } from '../../dockerfile/model';
import { positionals, unwrap } from '../../dockerfile/shell';
import type { ShellCommand } from '../../dockerfile/shell';
import { unquote } from '../../dockerfile/variables';
import { indentationOf, insertLinesAtEnd, insertLinesBefore } from '../../fixes/edits';
import { detectEol } from '../../text';
import type { AnalyzeOptions, Fix, TextEdit } from '../../types';
import type { DockerfileRule } from '../rule';
import { cis, hadolint } from '../rule';

/** True when a USER value (`name`, `uid`, `name:group`, `uid:gid`) selects root (or Windows' ContainerAdministrator). */
export function isRootUser(user: string): boolean {
  const name = user.trim().split(/\s+/)[0].split(':')[0];
  return name === 'root' || /^0+$/.test(name) || name.toLowerCase() === 'containeradministrator';
}

/** The user an image runs as when no USER is set: Windows images have their own defaults. */
function defaultUserOf(image: ImageRef): 'root' | 'ContainerAdministrator' | 'ContainerUser' {
  const ref = `${image.repository ?? ''}:${image.tag ?? ''}`.toLowerCase();
  // Nano Server images (and those built on them) run as the unprivileged ContainerUser by default.
  if (/nanoserver/.test(ref)) return 'ContainerUser';
  if (/servercore|^windows\/(?:server|windows)?:|^microsoft\/windowsservercore/.test(ref)) return 'ContainerAdministrator';
  return 'root';
}

/** A privilege-dropping helper the stage installs or calls (the docker-library entrypoint pattern). */
function privilegeDropper(model: DockerfileModel, stages: Stage[]): string | undefined {
  for (const stage of stages) {
    for (const instr of stage.instructions) {
      if (!['RUN', 'ENTRYPOINT', 'CMD'].includes(instr.keyword)) continue;
      const m = /(?<![\w-])(gosu|su-exec|setpriv)(?![\w-])/.exec(model.text.slice(instr.start, instr.end));
      if (m) return m[1];
    }
  }
  return undefined;
}

/** The stage and the earlier stages it is built on, down to the one built on an image. */
function chain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !out.includes(s); s = s.parent) out.push(s);
  return out;
}

// ---- the quick fix --------------------------------------------------------------------------------

/** The user the fix creates, and its fixed UID/GID (numeric so Kubernetes `runAsNonRoot` can verify it). */
const NEW_USER = 'app';
const NEW_ID = 10001;
/** distroless' `nonroot` user; also a safe UID for images where no user can be created. */
const NONROOT_ID = 65532;

const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);
/** Options of useradd / adduser (shadow, BusyBox and Debian's) that take a value. */
const USERADD_VALUE = ['-b', '-c', '-d', '-e', '-f', '-g', '-G', '-k', '-K', '-p', '-s', '-u', '-R', '-P', '-Z', '--base-dir', '--comment', '--home-dir', '--expiredate', '--inactive', '--gid', '--groups', '--skel', '--key', '--password', '--shell', '--uid', '--root', '--prefix', '--selinux-user'];
const ADDUSER_VALUE = ['-h', '-g', '-s', '-G', '-u', '-k', '--home', '--shell', '--uid', '--gid', '--ingroup', '--gecos', '--comment', '--firstuid', '--lastuid', '--firstgid', '--lastgid', '--conf', '--add-extra-groups'];

interface CreatedUser {
  name: string;
  uid?: string;
}

/** The user a `useradd`/`adduser` command creates (not `adduser user group`, which adds a user to a group). */
function createdUser(model: DockerfileModel, instr: DfInstruction, command: ShellCommand): CreatedUser | undefined {
  const cmd = unwrap(command);
  if (cmd.name !== 'useradd' && cmd.name !== 'adduser') return undefined;
  const withValue = cmd.name === 'useradd' ? USERADD_VALUE : ADDUSER_VALUE;
  const value = (raw: string, literal: string | null) => {
    if (literal !== null) return literal;
    const resolved = model.resolve(raw, instr);
    return resolved === undefined || /[$`]/.test(resolved) ? undefined : unquote(resolved);
  };
  const names = positionals(cmd, withValue);
  if (names.length !== 1) return undefined;
  const name = value(names[0].raw, names[0].value);
  if (!name || !/^[a-z_][a-z0-9_.-]*\$?$/i.test(name)) return undefined;
  let uid: string | undefined;
  for (let i = 0; i < cmd.args.length; i++) {
    const a = cmd.args[i];
    const v = a.value;
    if (v === null) continue;
    if (v === '-u' || v === '--uid') uid = cmd.args[i + 1] ? value(cmd.args[i + 1].raw, cmd.args[i + 1].value) : undefined;
    else if (v.startsWith('--uid=')) uid = v.slice(6);
    else if (/^-u\d+$/.test(v)) uid = v.slice(2);
  }
  return { name, uid: uid !== undefined && /^\d+$/.test(uid) ? uid : undefined };
}

/** The last user the stage (or a stage it builds on) creates, looked at from the base upwards. */
function lastCreatedUser(model: DockerfileModel, stages: Stage[]): CreatedUser | undefined {
  let found: CreatedUser | undefined;
  for (const s of [...stages].reverse()) {
    for (const { instruction, command } of model.runCommands(s)) found = createdUser(model, instruction, command) ?? found;
  }
  return found;
}

/**
 * The distribution family the fix writes commands for: base-image.ts's answer, or, when it does not know the image,
 * what the Dockerfile's own RUNs show (`apk` means Alpine's BusyBox tools, `apt-get` Debian's, `dnf`/`yum` RHEL's).
 */
function familyOf(model: DockerfileModel, stage: Stage, stages: Stage[]): { family: ImageFamily; minimal: boolean } {
  const base = baseImage(model, stage);
  if (base.family !== 'unknown') return { family: base.family, minimal: base.minimal };
  let family: ImageFamily = 'unknown';
  let minimal = false;
  for (const s of stages) {
    for (const { command } of model.runCommands(s)) {
      const name = unwrap(command).name;
      if (name === 'apk') family = 'alpine';
      else if (name === 'apt-get' || name === 'apt') family = 'debian';
      else if (name === 'dnf' || name === 'yum') family = 'rhel';
      else if (name === 'microdnf') [family, minimal] = ['rhel', true];
      else if (name === 'zypper') family = 'suse';
    }
    if (family !== 'unknown') break;
  }
  return { family, minimal };
}

interface Plan {
  /** The RUN that creates the user, if one is needed. */
  run?: string;
  /** The USER value. */
  user: string;
  /** The fix's title when it adds the USER, and when it replaces `USER <written>`. */
  addTitle: string;
  replaceTitle(written: string): string;
}

function createPlan(run: string): Plan {
  const what = `create user ${NEW_USER} (UID ${NEW_ID})`;
  return {
    run,
    user: `${NEW_ID}:${NEW_ID}`,
    addTitle: `Add non-root USER: ${what}`,
    replaceTitle: (written) => `Replace USER ${written} with a non-root user: ${what}`,
  };
}

function userPlan(user: string, note = ''): Plan {
  return { user, addTitle: `Add non-root USER ${user}${note}`, replaceTitle: (written) => `Replace USER ${written} with USER ${user}${note}` };
}

/** How to get a non-root user on this stage's image. */
function planFor(model: DockerfileModel, stage: Stage, stages: Stage[], numericOnly: boolean): Plan {
  const existing = lastCreatedUser(model, stages);
  // With user-numeric-id on, a user whose UID is unknown would only trade this finding for that one.
  if (existing && (existing.uid || !numericOnly || existing.name === NEW_USER)) {
    const what = `the existing user ${existing.name}${existing.uid ? ` (UID ${existing.uid})` : ''}`;
    return {
      user: existing.uid ?? existing.name,
      addTitle: `Add non-root USER: switch to ${what}`,
      replaceTitle: (written) => `Replace USER ${written} with ${what}`,
    };
  }
  const { family, minimal } = familyOf(model, stage, stages);
  const numeric = (why?: string): Plan => userPlan(`${NONROOT_ID}:${NONROOT_ID}`, why ? ` (${why})` : '');
  if (family === 'windows') return userPlan('ContainerUser');
  // A stage whose SHELL is not a POSIX shell cannot run the commands below.
  const last = stage.instructions[stage.instructions.length - 1];
  const shell = model.shellCommandAt(last)[0]?.replace(/^.*[\\/]/, '').toLowerCase() ?? '';
  const posix = POSIX_SHELLS.has(shell);
  switch (family) {
    case 'alpine':
    case 'busybox':
      if (!posix) break;
      return createPlan(`addgroup -S -g ${NEW_ID} ${NEW_USER} && adduser -S -u ${NEW_ID} -G ${NEW_USER} ${NEW_USER}`);
    case 'debian':
    case 'rhel':
    case 'suse':
    case 'arch':
      if (!posix) break;
      // Minimal RHEL/SUSE images (ubi-minimal, ubi-micro, BCI minimal) have no useradd unless shadow-utils/shadow is installed.
      if (minimal && !hasPackageInStage(model, stage, ['shadow-utils', 'shadow'])) return numeric('UID only: this minimal image has no useradd');
      // No -r with a fixed UID: shadow warns about system accounts outside SYS_UID_MIN..MAX. -l: no lastlog/faillog
      // entries (a large UID makes those sparse files huge in the layer).
      return createPlan(`groupadd -g ${NEW_ID} ${NEW_USER} && useradd -u ${NEW_ID} -g ${NEW_USER} -l -m ${NEW_USER}`);
    case 'distroless':
      return numeric('distroless nonroot');
  }
  return numeric();
}

/** Whether `user-numeric-id` is on: then the fix switches to numeric UIDs only (`USER 10001`, not `USER app`). */
function wantsNumericUser(options: AnalyzeOptions): boolean {
  const configured = options.rules?.['user-numeric-id'];
  return configured !== undefined ? configured !== 'off' : options.allRules === true;
}

/** Where the fix inserts: before the first CMD/ENTRYPOINT after the stage's last RUN (and after `after`), else at its end. */
function insertionPoint(stage: Stage, after?: DfInstruction): { before?: DfInstruction; after: DfInstruction } {
  const list = stage.instructions;
  let from = 0;
  for (let k = 0; k < list.length; k++) if (list[k].keyword === 'RUN' || list[k] === after) from = k + 1;
  const before = list.slice(from).find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  return { before, after: list[list.length - 1] };
}

/** Inserts whole lines before `instr` (and before the comment lines right above it), indented like it. */
function insertBefore(model: DockerfileModel, instr: DfInstruction, lines: string[]): TextEdit {
  const index = model.lines;
  const previous = instr.stage?.instructions.filter((i) => i.index < instr.index).pop();
  const floor = previous ? previous.range.end.line + 1 : 0;
  let line = instr.range.start.line;
  while (line - 1 >= floor && /^\s*#/.test(index.lineText(line - 1))) line--;
  return insertLinesBefore(index, line, lines);
}

/** Inserts whole lines after `instr`, indented like its first line. */
function insertAfter(model: DockerfileModel, instr: DfInstruction, lines: string[]): TextEdit {
  const index = model.lines;
  const indent = indentationOf(index, instr.range.start.line);
  const next = instr.range.end.line + 1;
  if (next >= index.lineCount) return insertLinesAtEnd(index, lines.map((l) => indent + l));
  const at = { line: next, character: 0 };
  const eol = detectEol(model.text);
  return { range: { start: at, end: at }, newText: lines.map((l) => indent + l + eol).join('') };
}

function addFix(model: DockerfileModel, stage: Stage, plan: Plan, after?: DfInstruction): Fix {
  const lines = [...(plan.run ? [`RUN ${plan.run}`] : []), `USER ${plan.user}`];
  const at = insertionPoint(stage, after);
  const edit = at.before ? insertBefore(model, at.before, lines) : insertAfter(model, at.after, lines);
  return { title: plan.addTitle, edits: [edit], safe: false, isPreferred: true };
}

/** The non-root USER in effect just before `instr`, as written (`USER node` before a later `USER root`). */
function earlierNonRootUser(
  model: DockerfileModel,
  stage: Stage,
  instr: DfInstruction,
): { text?: string; numeric?: boolean; root: boolean; known: boolean } {
  let user: DfInstruction | undefined;
  for (const i of stage.instructions) if (i.index < instr.index && i.keyword === 'USER') user = i;
  if (!user) {
    if (!stage.parent) return { root: true, known: true };
    const eu = model.effectiveUser(stage.parent);
    if (!eu.instruction) return { root: eu.defaultRoot, known: eu.known || eu.defaultRoot };
    user = eu.instruction;
  }
  const raw = model.argumentText(user);
  const value = raw === undefined ? undefined : model.resolve(raw, user);
  if (raw === undefined || value === undefined || /[\r\n]/.test(raw)) return { root: false, known: false };
  const resolved = unquote(value).trim();
  return isRootUser(resolved) ? { root: true, known: true } : { text: raw, numeric: /^\d+(:\d+)?$/.test(resolved), root: false, known: true };
}

/**
 * The fixes for a final stage that runs as root. `rootUser` is the stage's own last `USER root` (the finding's
 * instruction) when there is one.
 */
function nonRootFixes(model: DockerfileModel, stage: Stage, numericOnly: boolean, rootUser?: DfInstruction): Fix[] {
  const stages = chain(stage);
  const runAfter = rootUser && stage.instructions.some((i) => i.index > rootUser.index && i.keyword === 'RUN');
  if (rootUser && !runAfter) {
    // Nothing runs after `USER root`: replace it (the user is created before it, while the earlier user is in effect).
    const r = rootUser.ast.getArgumentsRange();
    if (!r) return [];
    const start = model.offsetAt(r.start);
    const end = start + (model.argumentText(rootUser)?.length ?? 0);
    const replaceWith = (text: string): TextEdit => ({ range: model.rangeOf(start, end), newText: text });
    const written = model.text.slice(start, end);
    const earlier = earlierNonRootUser(model, stage, rootUser);
    if (earlier.text && (earlier.numeric || !numericOnly)) {
      return [{ title: `Replace USER ${written} with USER ${earlier.text}`, edits: [replaceWith(earlier.text)], safe: false, isPreferred: true }];
    }
    const plan = planFor(model, stage, stages, numericOnly);
    if (!plan.run) return [{ title: plan.replaceTitle(written), edits: [replaceWith(plan.user)], safe: false, isPreferred: true }];
    // The RUN must run as root: before `USER root` only when root is what is in effect there.
    if (earlier.root && earlier.known) {
      return [
        {
          title: plan.replaceTitle(written),
          edits: [insertBefore(model, rootUser, [`RUN ${plan.run}`]), replaceWith(plan.user)],
          safe: false,
          isPreferred: true,
        },
      ];
    }
    return [addFix(model, stage, plan, rootUser)];
  }
  if (rootUser) {
    // RUNs after `USER root` need it: switch to the earlier non-root user, or a new one, after the last of them.
    const earlier = earlierNonRootUser(model, stage, rootUser);
    if (earlier.text && (earlier.numeric || !numericOnly)) {
      return [addFix(model, stage, userPlan(earlier.text), rootUser)];
    }
  }
  return [addFix(model, stage, planFor(model, stage, stages, numericOnly), rootUser)];
}

const rule: DockerfileRule = {
  meta: {
    id: 'no-root-user',
    title: 'Container runs as root',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    description:
      'Reports a final stage that runs as root: it has no `USER` instruction (nor inherits one from an earlier stage it is built on) and its base image is not known to run as non-root, or its last `USER` is `root`, `0`, `0:0` or `root:root`, also when the value comes from an `ARG`/`ENV`. Build stages are not reported; an unknown user (an `ARG` without a default) or an unresolved base image is not guessed.',
    rationale:
      'A process that runs as root in the container is root on the host as far as the kernel is concerned unless user namespaces are enabled: a container escape, a writable host mount or a mounted Docker socket then gives full control of the host. Kubernetes `runAsNonRoot` also refuses to start such images.',
    howToFix:
      'Create an unprivileged user in the final stage and switch to it before `CMD`/`ENTRYPOINT`: `RUN addgroup -S -g 10001 app && adduser -S -u 10001 -G app app` on Alpine/BusyBox, `RUN groupadd -g 10001 app && useradd -u 10001 -g app -l -m app` on Debian/Ubuntu/RHEL (`-l` keeps a large UID from filling the layer with sparse lastlog/faillog files), then `USER 10001:10001`: a numeric UID lets Kubernetes `runAsNonRoot` verify it. Minimal images (ubi-minimal, ubi-micro) have no `useradd` until `shadow-utils` is installed; distroless and scratch images have no tooling at all: write `USER 65532:65532` (the distroless `nonroot` user) or use a `:nonroot` tag. If a later `USER root` was only needed for installation steps, switch back to the unprivileged user after them. The quick fix (preferred in the light bulb) writes this for the base image it recognises through the FROM chain, or switches to a user the Dockerfile already creates, or back to the earlier non-root USER; fix-all never applies it, because the application may then fail to write files root owns (give them to the user with `COPY --chown` or `RUN chown`), and an entrypoint that drops privileges itself (`gosu`, `su-exec`) must be changed to start as that user.',
    example: {
      bad: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]',
      good: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nUSER node\nCMD ["node", "server.js"]',
    },
    aliases: ['DL3002', 'DS0002', 'CKV_DOCKER_3', 'CKV_DOCKER_8', 'KICS Missing User Instruction', "KICS Last User Is 'root'", 'CIS 4.1'],
    references: [
      cis('4.1', 'Ensure that a user for the container has been created'),
      hadolint('DL3002'),
      { title: 'Dockerfile reference: USER', url: 'https://docs.docker.com/reference/dockerfile/#user' },
      { title: 'Dockerfile best practices: USER', url: 'https://docs.docker.com/build/building/best-practices/#user' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    const stage = model.finalStage;
    if (!stage) return;
    const numericOnly = wantsNumericUser(ctx.options);
    const eu = model.effectiveUser(stage);
    const fromWord = stage.imageRange ?? stage.from.keywordRange;
    if (eu.instruction) {
      if (!eu.known || eu.user === undefined || !isRootUser(eu.user)) return;
      const instr = eu.instruction;
      const raw = model.argumentText(instr) ?? '';
      const shown = raw === eu.user ? `\`${raw}\`` : `\`${raw}\` (resolves to \`${eu.user}\`)`;
      if (instr.stage === stage) {
        // The argument as written: the first word after the keyword.
        const r = instr.ast.getArgumentsRange();
        const start = r ? model.offsetAt(r.start) : instr.start;
        const word = /^\S+/.exec(model.text.slice(start, instr.end))?.[0] ?? '';
        ctx.report(
          model.rangeOf(start, start + word.length),
          `The final stage's last USER is ${shown}: the container runs as root.`,
          nonRootFixes(model, stage, numericOnly, instr),
        );
      } else {
        const from = instr.stage?.name ? `stage \`${instr.stage.name}\`` : 'an earlier stage';
        ctx.report(
          fromWord,
          `The final stage inherits USER ${shown} from ${from} (line ${instr.range.start.line + 1}): the container runs as root.`,
          nonRootFixes(model, stage, numericOnly),
        );
      }
      return;
    }
    if (!eu.defaultRoot) return;
    const stages = chain(stage);
    const base = stages[stages.length - 1];
    // An image we cannot resolve may well set its own user: do not guess.
    if (base.image.resolved === undefined) return;
    const image = base.image.resolved;
    const user = defaultUserOf(base.image);
    if (user === 'ContainerUser') return;
    let message: string;
    if (user === 'ContainerAdministrator') {
      message = `The final stage has no USER, so the container runs as ContainerAdministrator, the default of \`${image}\`; switch to \`USER ContainerUser\`.`;
    } else if (image === 'scratch') {
      message = 'The final stage has no USER, so the container runs as root (UID 0: a `scratch` image has no users).';
    } else {
      const dropper = privilegeDropper(model, stages);
      message = dropper
        ? `The final stage has no USER, so the container starts as root; \`${dropper}\` may drop privileges in the entrypoint, but Kubernetes \`runAsNonRoot\` cannot verify that.`
        : `The final stage has no USER, so the container runs as root unless the base image \`${image}\` sets a non-root user itself.`;
    }
    ctx.report(fromWord, message, nonRootFixes(model, stage, numericOnly));
  },
};

export default rule;
