import rule from '../../server/core/rules/dockerfile/chmod-world-writable';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN chmod 755 /app && chmod 644 /app/x && chmod 0700 /root/.ssh',
    { name: 'sticky-bit shared directories', code: 'FROM debian:12\nRUN chmod 1777 /tmp /var/tmp && chmod 1777 /var/www/html && chmod 3777 /run/shared' },
    { name: 'recursive sticky on a temp directory', code: 'FROM debian:12\nRUN chmod -R 1777 /tmp' },
    { name: '+w without "who" is masked by the umask; removals', code: 'FROM debian:12\nRUN chmod +x /usr/local/bin/entrypoint.sh && chmod +w /app/x && chmod u+w,g+w /y && chmod go-w /z' },
    { name: 'device nodes', code: 'FROM debian:12\nRUN chmod 666 /dev/null' },
    { name: 'mode in a shell variable: not guessed', code: 'FROM debian:12\nRUN chmod "$MODE" /data' },
    { name: 'mode from an ARG that is safe', code: 'FROM debian:12\nARG MODE=755\nRUN chmod $MODE /data' },
    { name: '--reference and a-w', code: 'FROM debian:12\nRUN chmod --reference=/etc/passwd /data && chmod -R a-w /srv' },
    { name: 'chmod as an argument', code: 'FROM debian:12\nRUN echo chmod 777 /x' },
    { name: 'mkdir -m with sticky bit or 755', code: 'FROM debian:12\nRUN mkdir -m 1777 /shared && mkdir -m 755 /y' },
    { name: 'group-writable is not world-writable', code: 'FROM debian:12\nRUN chmod 770 /data && chmod 775 /data2' },
  ],
  invalid: [
    {
      name: 'fix: numeric mode loses group/other write',
      code: 'FROM debian:12\nRUN chmod -R 0777 /srv/app',
      errors: [{ line: 2, column: 14 }],
      output: 'FROM debian:12\nRUN chmod -R 0755 /srv/app',
      fixTitles: ['Use `0755` (no write for group and others)'],
    },
    {
      name: 'fix: symbolic mode gets go-w',
      code: 'FROM debian:12\r\nRUN chmod a+rw /srv/data\r\n',
      errors: [{ line: 2, column: 11 }],
      output: 'FROM debian:12\r\nRUN chmod a+rw,go-w /srv/data\r\n',
    },
    {
      name: 'no fix for a mode from an ARG',
      code: 'FROM debian:12\nARG MODE=777\nRUN chmod $MODE /srv/app',
      errors: [{ line: 3, column: 11 }],
      output: null,
    },
    { code: 'FROM debian:12\nRUN mkdir -p /data && chmod 777 /data', errors: [{ line: 2, column: 29, endColumn: 32, message: '`chmod 777` lets every user write to /data.' }] },
    { name: '-R 0777', code: 'FROM debian:12\nRUN chmod -R 0777 /app', errors: [{ line: 2, column: 14, endColumn: 18, message: /^`chmod -R 0777`/ }] },
    {
      name: '666, o+w, a+w',
      code: 'FROM debian:12\nRUN chmod 666 /app/config.yml && chmod o+w /app/logs && chmod a+w /app/tmp',
      errors: [
        { line: 2, column: 11, endColumn: 14 },
        { line: 2, column: 40, endColumn: 43 },
        { line: 2, column: 63, endColumn: 66 },
      ],
    },
    {
      name: 'ugo+rwx, a=rwx, o=rwx in a clause list',
      code: 'FROM debian:12\nRUN chmod ugo+rwx /srv && chmod a=rwx /opt/x && chmod u=rwx,g=rx,o=rwx /y',
      errors: [
        { line: 2, column: 11, endColumn: 18 },
        { line: 2, column: 33, endColumn: 38 },
        { line: 2, column: 55, endColumn: 71 },
      ],
    },
    { name: 'recursive sticky outside temp dirs', code: 'FROM debian:12\nRUN chmod -R 1777 /go', errors: [{ line: 2, column: 14, endColumn: 18, message: /sticky bit does not protect files/ }] },
    { name: 'mode from an ARG', code: 'FROM debian:12\nARG MODE=777\nRUN chmod $MODE /data', errors: [{ line: 3, column: 11, endColumn: 16, message: /^`chmod \$MODE = 777`/ }] },
    { name: 'find -exec chmod', code: 'FROM debian:12\nRUN find /app -type d -exec chmod 777 {} +', errors: [{ line: 2, column: 35, endColumn: 38, message: /files find selects/ }] },
    {
      name: 'mkdir -m, install -m, --mode=',
      code: 'FROM debian:12\nRUN mkdir -m 777 /shared && install -d -m 0777 /x && mkdir --mode=0666 /y',
      errors: [
        { line: 2, column: 14, endColumn: 17, message: /^`mkdir -m 777`/ },
        { line: 2, column: 43, endColumn: 47, message: /^`install -m 0777`/ },
        { line: 2, column: 60, endColumn: 71 },
      ],
    },
    { name: '777 on /tmp drops the sticky bit', code: 'FROM debian:12\nRUN chmod 777 /tmp', errors: [{ line: 2, column: 11, endColumn: 14, message: /use 1777/ }] },
    {
      name: 'continuations with a comment line',
      code: 'FROM debian:12\nRUN set -e \\\n# open it up\n && chmod \\\n   -R 777 /var/www',
      errors: [{ line: 5, column: 7, endColumn: 10 }],
    },
    { name: 'escape directive', code: '# escape=`\nFROM debian:12\nRUN mkdir /x `\n && chmod 777 /x', errors: [{ line: 4, column: 11, endColumn: 14 }] },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["chmod", "777", "/data"]', errors: [{ line: 2, column: 16, endColumn: 19 }] },
    { name: 'heredoc, setgid + 777', code: 'FROM debian:12\nRUN <<EOF\nmkdir -p /data\nchmod 2777 /data\nEOF', errors: [{ line: 4, column: 7, endColumn: 11 }] },
    {
      name: 'build stage too; xargs chmod',
      code: 'FROM debian:12 AS build\nRUN chmod 777 /out\nFROM debian:12\nRUN ls /data | xargs chmod 0777',
      errors: [
        { line: 2, column: 11, endColumn: 14 },
        { line: 4, column: 28, endColumn: 32, message: /paths xargs reads/ },
      ],
    },
  ],
});
