import rule from '../../server/core/rules/dockerfile/docker-socket-volume';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM postgres:16\nVOLUME /var/lib/postgresql/data',
    { name: 'docker-in-docker data and look-alike names', code: 'FROM docker:27-dind\nVOLUME /var/lib/docker /var/run/docker /tmp/not-docker.sock /docker.sock.d' },
    { name: 'exec form', code: 'FROM alpine:3.20\nVOLUME ["/data", "/logs"]' },
    { name: 'ARG without a default is unknown', code: 'FROM alpine:3.20\nARG DIR\nVOLUME $DIR' },
    { name: 'Windows paths', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nVOLUME C:\\data' },
    {
      name: 'a build stage that only feeds COPY --from',
      code: 'FROM alpine:3.20 AS build\nVOLUME /var/run/docker.sock\nRUN echo built > /out\nFROM alpine:3.20\nCOPY --from=build /out /out\nCMD ["cat", "/out"]',
    },
    { name: 'socket path in a heredoc body', code: 'FROM alpine:3.20\nCOPY <<EOF /etc/docs\nVOLUME /var/run/docker.sock\nEOF' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nVOLUME /var/run/docker.sock',
      errors: [{ line: 2, column: 8, endColumn: 28, message: /VOLUME declares the Docker socket `\/var\/run\/docker\.sock`/ }],
    },
    { name: '/run/docker.sock', code: 'FROM alpine:3.20\nVOLUME /run/docker.sock', errors: [{ line: 2, column: 8, endColumn: 24 }] },
    { name: 'exec form, second path', code: 'FROM alpine:3.20\nVOLUME ["/data", "/var/run/docker.sock"]', errors: [{ line: 2, column: 19, endColumn: 39 }] },
    { name: 'several paths in shell form', code: 'FROM alpine:3.20\nVOLUME /data /run/docker.sock /logs', errors: [{ line: 2, column: 14, endColumn: 30 }] },
    {
      name: 'path from an ARG default and from ENV',
      code: 'FROM alpine:3.20\nARG SOCK=/var/run/docker.sock\nVOLUME $SOCK\nENV DOCKER_SOCK=/run/docker.sock\nVOLUME ["${DOCKER_SOCK}"]',
      errors: [
        { line: 3, column: 8, endColumn: 13, message: /`\/var\/run\/docker\.sock` \(`\$SOCK`\)/ },
        { line: 5, column: 10, endColumn: 24, message: /`\/run\/docker\.sock`/ },
      ],
    },
    { name: 'rootless daemon socket', code: 'FROM alpine:3.20\nVOLUME /run/user/1000/docker.sock', errors: [{ line: 2, column: 8 }] },
    { name: 'redundant slashes', code: 'FROM alpine:3.20\nVOLUME //var/run//docker.sock/', errors: [{ line: 2, column: 8, endColumn: 31 }] },
    {
      name: 'continuation with a comment line',
      code: 'FROM alpine:3.20\nVOLUME /data \\\n# the daemon\n  /var/run/docker.sock',
      errors: [{ line: 4, column: 3, endColumn: 23 }],
    },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20\nVOLUME /data `\n  /var/run/docker.sock', errors: [{ line: 4, column: 3, endColumn: 23 }] },
    { name: 'in the stage the final one builds on', code: 'FROM alpine:3.20 AS base\nVOLUME /var/run/docker.sock\nFROM base\nCMD ["sh"]', errors: [{ line: 2, column: 8 }] },
    {
      name: 'an alternative target stage nothing copies from',
      code: 'FROM alpine:3.20 AS dev\nVOLUME /var/run/docker.sock\nFROM alpine:3.20 AS prod\nCMD ["sh"]',
      errors: [{ line: 2, column: 8 }],
    },
  ],
});
