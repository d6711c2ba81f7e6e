import rule from '../../server/core/rules/dockerfile/add-instead-of-copy';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM python:3.12-slim\nCOPY app.py /app/',
    { name: 'tar archive to unpack', code: 'FROM scratch\nADD rootfs.tar.gz /' },
    {
      name: 'every tar flavour, any case',
      code: 'FROM alpine:3.20\nADD a.tgz b.tar.xz c.tar.bz2 d.tbz2 e.txz f.tar.zst g.TAR /opt/',
    },
    { name: 'remote URL is add-remote-unverified\'s business', code: 'FROM alpine:3.20\nADD https://example.com/tool.sh /usr/local/bin/tool' },
    { name: 'git sources', code: 'FROM alpine:3.20\nADD git@github.com:org/repo.git /src\nADD https://github.com/org/repo.git#v1.0 /src2' },
    { name: 'a single compressed file may be a tarball: not judged', code: 'FROM scratch\nADD rootfs.gz /' },
    { name: 'ARG without a default is unknown', code: 'FROM alpine:3.20\nARG SRC\nADD $SRC /opt/' },
    { name: 'archive name from an ARG default', code: 'FROM scratch\nARG ROOTFS=alpine-minirootfs-3.20.0-x86_64.tar.gz\nADD ${ROOTFS} /' },
    { name: 'glob of archives', code: 'FROM alpine:3.20\nADD dist/*.tar.gz /opt/' },
    { name: 'exec form archive', code: 'FROM alpine:3.20\nADD ["vendor.tar", "/opt/vendor/"]' },
    { name: 'escape directive and continuation', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nADD `\n  tools.tar C:\\tools\\' },
  ],
  invalid: [
    {
      code: 'FROM python:3.12-slim\nADD app.py /app/',
      errors: [{ line: 2, column: 1, endColumn: 4, message: /ADD of the local path `app\.py` is a plain copy; use COPY/ }],
      fixTitles: ['Replace ADD with COPY'],
      output: 'FROM python:3.12-slim\nCOPY app.py /app/',
    },
    { name: 'the whole folder', code: 'FROM node:20\nADD . /app', errors: [{ line: 2, column: 1, endColumn: 4, message: /`\.`/ }], output: 'FROM node:20\nCOPY . /app' },
    { name: 'exec form', code: 'FROM alpine:3.20\nADD ["config.json", "/etc/app/"]', errors: [{ line: 2, column: 1, endColumn: 4, message: /config\.json/ }], output: 'FROM alpine:3.20\nCOPY ["config.json", "/etc/app/"]' },
    { name: 'zip files are not unpacked', code: 'FROM alpine:3.20\nADD site.zip /srv/', errors: [{ line: 2, column: 1, message: /does not unpack \.zip/ }], output: 'FROM alpine:3.20\nCOPY site.zip /srv/' },
    { name: 'an archive mixed with a plain file', code: 'FROM alpine:3.20\nADD app.tar.gz README.md /opt/', errors: [{ line: 2, column: 1, message: /README\.md/ }], output: null },
    { name: 'path from an ARG default', code: 'FROM eclipse-temurin:21\nARG JAR=target/app.jar\nADD ${JAR} /app.jar', errors: [{ line: 3, column: 1, endColumn: 4, message: /`\$\{JAR\}`/ }], output: 'FROM eclipse-temurin:21\nARG JAR=target/app.jar\nCOPY ${JAR} /app.jar' },
    { name: 'heredoc', code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello.tar.gz\nEOF', errors: [{ line: 2, column: 1, endColumn: 4, message: /inline heredoc/ }], output: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello.tar.gz\nEOF' },
    {
      name: 'flags, continuation and a comment line',
      code: 'FROM alpine:3.20\nADD --chown=app:app \\\n# the config\n  app.conf /etc/app/',
      errors: [{ line: 2, column: 1, endColumn: 4, message: /app\.conf/ }],
      output: 'FROM alpine:3.20\nCOPY --chown=app:app \\\n# the config\n  app.conf /etc/app/',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nADD `\n  setup.ps1 C:\\setup\\',
      errors: [{ line: 3, column: 1, endColumn: 4, message: /setup\.ps1/ }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY `\n  setup.ps1 C:\\setup\\',
    },
    { name: 'lower-case keyword', code: 'FROM alpine:3.20\nadd file.txt /x', errors: [{ line: 2, column: 1, endColumn: 4 }], output: 'FROM alpine:3.20\ncopy file.txt /x' },
    { name: 'mixed-case keyword', code: 'FROM alpine:3.20\nAdd file.txt /x', errors: [{ line: 2, column: 1, endColumn: 4 }], output: 'FROM alpine:3.20\nCopy file.txt /x' },
    { name: 'CRLF', code: 'FROM alpine:3.20\r\nADD --chmod=755 --link run.sh /usr/local/bin/\r\nCMD ["run.sh"]\r\n', errors: [{ line: 2, column: 1 }], output: 'FROM alpine:3.20\r\nCOPY --chmod=755 --link run.sh /usr/local/bin/\r\nCMD ["run.sh"]\r\n' },
    {
      name: 'ADD-only flags: no fix (COPY would reject them)',
      code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d app.bin /app.bin',
      errors: [{ line: 2, column: 1 }],
      output: null,
    },
    { name: '--unpack: no fix', code: 'FROM alpine:3.20\nADD --unpack=false notes.txt /x', errors: [{ line: 2, column: 1 }], output: null },
    { name: 'a URL among the sources: no fix (COPY cannot fetch)', code: 'FROM alpine:3.20\nADD https://e.com/a.txt b.txt /opt/', errors: [{ line: 2, column: 1 }], output: null },
    { name: 'a source from an ARG without a default: no fix (it may be an archive)', code: 'FROM alpine:3.20\nARG EXTRA\nADD app.conf $EXTRA /opt/', errors: [{ line: 3, column: 1 }], output: null },
    { name: '--exclude is a COPY flag too', code: 'FROM alpine:3.20\nADD --exclude=*.md docs/ /docs/', errors: [{ line: 2, column: 1 }], output: 'FROM alpine:3.20\nCOPY --exclude=*.md docs/ /docs/' },
    {
      name: 'every stage',
      code: 'FROM golang:1.22 AS build\nADD go.mod go.sum ./\nFROM alpine:3.20\nADD --chmod=755 entrypoint.sh /\nCOPY --from=build /app /app',
      errors: [{ line: 2, column: 1 }, { line: 4, column: 1 }],
    },
  ],
});
