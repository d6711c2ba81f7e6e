import { effectiveCommand, parseOptions } from '../../dockerfile/commands';
import type { DockerfileRule } from '../rule';

/**
 * Decisions:
 * - `chpasswd` (any form, `-e` hashes included): reported.
 * - `passwd [--stdin] user`: sets a password, reported. `passwd -d user` is reported too: it leaves the
 *   account with an EMPTY password, which PAM's `nullok` (Debian/Ubuntu default) accepts for `su` and
 *   login. Locking, unlocking, expiring, status and aging (`-l`, `-u`, `-e`, `-S`, `-n`/`-x`/`-w`/`-i`)
 *   set no password and are not reported.
 * - `useradd`/`usermod -p`/`--password <hash>`: reported, unless the value is a lock marker (`'!'`,
 *   `'*'`, `'!!'`, `'!*'`), which disables password login. `-p ''` (empty password) is reported.
 */

const PASSWD_NO_SET = new Set(['l', 'lock', 'u', 'unlock', 'e', 'expire', 'S', 'status', 'n', 'mindays', 'x', 'maxdays', 'w', 'warndays', 'i', 'inactive', 'h', 'help']);
const LOCK_MARKERS = new Set(['!', '*', '!!', '!*', '*LK*']);

const rule: DockerfileRule = {
  meta: {
    id: 'chpasswd',
    title: 'Account password set in RUN',
    severity: 'warning',
    category: 'security',
    kind: 'dockerfile',
    scope: 'instruction',
    description:
      'Reports RUN commands that set or blank an account password: `chpasswd`, `passwd user` / `passwd --stdin`, `passwd -d`, `useradd -p` and `usermod -p`/`--password` (except lock markers such as `-p \'!\'`). Locking a password (`passwd -l`) is not reported.',
    rationale:
      'The password or its hash is written into /etc/shadow of an image layer, and usually into the build history too (`docker history` shows `echo root:secret | chpasswd`), so everyone who can pull the image can read or crack it, and every container from the image shares it. A password only matters for logins (su, SSH), which a container should not offer.',
    howToFix:
      'Do not give accounts passwords in the image. Run the service as an unprivileged `USER` with a locked password (`useradd -r` / `adduser -D` leave it locked); if an interactive login is really needed, set the password at container start from a runtime secret, or use key-based authentication.',
    example: {
      bad: "FROM debian:12\nRUN useradd -m app && echo 'app:changeme' | chpasswd\nUSER app",
      good: 'FROM debian:12\nRUN useradd -m app && passwd -l app\nUSER app',
    },
    aliases: ['CKV2_DOCKER_17'],
    references: [
      { title: 'chpasswd(8)', url: 'https://man7.org/linux/man-pages/man8/chpasswd.8.html' },
      { title: 'Docker docs: image history', url: 'https://docs.docker.com/reference/cli/docker/image/history/' },
    ],
  },
  check(ctx) {
    const { model } = ctx;
    for (const { command } of model.runCommands()) {
      const cmd = effectiveCommand(command);
      const at = model.rangeOf(cmd.command.start, cmd.command.end);
      if (cmd.name === 'chpasswd') {
        ctx.report(at, '`chpasswd` sets an account password in a RUN step: the password (or its hash) stays in the image layers and build history.');
      } else if (cmd.name === 'passwd') {
        const parsed = parseOptions(cmd.args, { shortWithValue: 'nxwiraRP', longWithValue: ['mindays', 'maxdays', 'warndays', 'inactive', 'repository', 'root', 'prefix', 'algo'] });
        if (parsed.options.some((o) => o.name === 'd' || o.name === 'delete')) {
          ctx.report(at, '`passwd -d` leaves the account with an empty password, which `su` and login accept where PAM allows null passwords; lock it with `passwd -l` instead.');
        } else if (!parsed.options.some((o) => PASSWD_NO_SET.has(o.name))) {
          ctx.report(at, '`passwd` sets an account password in a RUN step: its hash stays in the image layers.');
        }
      } else if (cmd.name === 'useradd' || cmd.name === 'usermod') {
        const parsed = parseOptions(cmd.args, {
          shortWithValue: 'bcdefgGKkpsuRPZ',
          longWithValue: ['base-dir', 'comment', 'home', 'home-dir', 'expiredate', 'inactive', 'gid', 'groups', 'skel', 'key', 'password', 'shell', 'uid', 'root', 'prefix', 'selinux-user', 'login', 'add-subuids', 'del-subuids', 'add-subgids', 'del-subgids'],
        });
        for (const o of parsed.options) {
          if (o.name !== 'p' && o.name !== 'password') continue;
          if (o.value !== null && o.value !== undefined && LOCK_MARKERS.has(o.value)) continue;
          const empty = o.value === '';
          ctx.report(
            at,
            empty
              ? `\`${cmd.name} -p ''\` gives the account an empty password, which \`su\` and login accept where PAM allows null passwords.`
              : `\`${cmd.name} ${o.long ? '--password' : '-p'}\` sets an account password hash in a RUN step: it stays in the image layers and build history.`,
          );
        }
      }
    }
  },
};

export default rule;
