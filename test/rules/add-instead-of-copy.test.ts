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
    },
    { name: 'the whole folder', code: 'FROM node:20\nADD . /app', errors: [{ line: 2, column: 1, endColumn: 4, message: /`\.`/ }] },
    { name: 'exec form', code: 'FROM alpine:3.20\nADD ["config.json", "/etc/app/"]', errors: [{ line: 2, column: 1, endColumn: 4, message: /config\.json/ }] },
    { name: 'zip files are not unpacked', code: 'FROM alpine:3.20\nADD site.zip /srv/', errors: [{ line: 2, column: 1, message: /does not unpack \.zip/ }] },
    { name: 'an archive mixed with a plain file', code: 'FROM alpine:3.20\nADD app.tar.gz README.md /opt/', errors: [{ line: 2, column: 1, message: /README\.md/ }] },
    { name: 'path from an ARG default', code: 'FROM eclipse-temurin:21\nARG JAR=target/app.jar\nADD ${JAR} /app.jar', errors: [{ line: 3, column: 1, endColumn: 4, message: /`\$\{JAR\}`/ }] },
    { name: 'heredoc', code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello.tar.gz\nEOF', errors: [{ line: 2, column: 1, endColumn: 4, message: /inline heredoc/ }] },
    {
      name: 'flags, continuation and a comment line',
      code: 'FROM alpine:3.20\nADD --chown=app:app \\\n# the config\n  app.conf /etc/app/',
      errors: [{ line: 2, column: 1, endColumn: 4, message: /app\.conf/ }],
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nADD `\n  setup.ps1 C:\\setup\\',
      errors: [{ line: 3, column: 1, endColumn: 4, message: /setup\.ps1/ }],
    },
    { name: 'lower-case keyword', code: 'FROM alpine:3.20\nadd file.txt /x', errors: [{ line: 2, column: 1, endColumn: 4 }] },
    {
      name: 'every stage',
      code: 'FROM golang:1.22 AS build\nADD go.mod go.sum ./\nFROM alpine:3.20\nADD --chmod=755 entrypoint.sh /\nCOPY --from=build /app /app',
      errors: [{ line: 2, column: 1 }, { line: 4, column: 1 }],
    },
  ],
});
