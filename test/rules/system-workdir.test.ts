import rule from '../../server/core/rules/dockerfile/system-workdir';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nWORKDIR /app',
    {
      name: 'look-alike names',
      code: 'FROM alpine:3.20\nWORKDIR /system\nWORKDIR /devices\nWORKDIR /proc-data\nWORKDIR /srv/proc\nWORKDIR /bootstrap\nWORKDIR /sysroot',
    },
    { name: 'relative path with an unknown starting directory', code: 'FROM alpine:3.20\nWORKDIR proc' },
    { name: 'ARG without a default is unknown', code: 'FROM alpine:3.20\nARG DIR\nWORKDIR $DIR' },
    { name: 'relative path resolved against the previous WORKDIR', code: 'FROM alpine:3.20\nWORKDIR /\nWORKDIR app' },
    { name: '.. leaves the system directory', code: 'FROM alpine:3.20\nWORKDIR /dev/../app' },
    { name: 'Windows path', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app' },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20\nWORKDIR `\n  /srv/app' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nWORKDIR /proc', errors: [{ line: 2, column: 9, endColumn: 14, message: /WORKDIR `\/proc` is inside `\/proc`/ }] },
    { name: 'below /sys', code: 'FROM alpine:3.20\nWORKDIR /sys/fs/cgroup', errors: [{ line: 2, column: 9, endColumn: 23, message: /inside `\/sys`/ }] },
    { name: 'below /dev', code: 'FROM alpine:3.20\nWORKDIR /dev/shm/app', errors: [{ line: 2, column: 9, message: /inside `\/dev`/ }] },
    { name: 'trailing slash', code: 'FROM alpine:3.20\nWORKDIR /boot/', errors: [{ line: 2, column: 9, endColumn: 15, message: /\(`\/boot`\) is inside `\/boot`/ }] },
    { name: 'quoted', code: 'FROM alpine:3.20\nWORKDIR "/proc/self"', errors: [{ line: 2, column: 10, endColumn: 20 }] },
    { name: 'from an ARG default', code: 'FROM alpine:3.20\nARG DIR=/sys\nWORKDIR $DIR/app', errors: [{ line: 3, column: 9, endColumn: 17, message: /`\$DIR\/app` \(`\/sys\/app`\)/ }] },
    { name: 'from ENV', code: 'FROM alpine:3.20\nENV BASE_DIR=/dev\nWORKDIR ${BASE_DIR}', errors: [{ line: 3, column: 9, endColumn: 20 }] },
    { name: 'relative to the previous WORKDIR', code: 'FROM alpine:3.20\nWORKDIR /\nWORKDIR boot', errors: [{ line: 3, column: 9, endColumn: 13, message: /`boot` \(`\/boot`\)/ }] },
    {
      name: 'relative to a WORKDIR inherited from the parent stage',
      code: 'FROM alpine:3.20 AS base\nWORKDIR /\nFROM base\nWORKDIR proc/x',
      errors: [{ line: 4, column: 9, message: /\/proc\/x/ }],
    },
    {
      name: 'continuation with a comment line inside the path',
      code: 'FROM alpine:3.20\nWORKDIR /pr\\\n# split\noc/x',
      errors: [{ line: 2, column: 9, endLine: 4, endColumn: 5, message: /WORKDIR `\/proc\/x` is inside/ }],
    },
    { name: '.. into a system directory', code: 'FROM alpine:3.20\nWORKDIR /app/../proc', errors: [{ line: 2, column: 9, endColumn: 21 }] },
    { name: 'redundant slashes', code: 'FROM alpine:3.20\nWORKDIR //dev', errors: [{ line: 2, column: 9, endColumn: 14 }] },
    { name: 'escape directive and continuation', code: '# escape=`\nFROM alpine:3.20\nWORKDIR `\n  /proc', errors: [{ line: 4, column: 3, endColumn: 8 }] },
    {
      name: 'build stages count too',
      code: 'FROM golang:1.22 AS build\nWORKDIR /dev/src\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app',
      errors: [{ line: 2, column: 9, endColumn: 17 }],
    },
  ],
});
