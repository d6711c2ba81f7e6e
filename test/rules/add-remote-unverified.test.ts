import rule from '../../server/core/rules/dockerfile/add-remote-unverified';
import { ruleTester } from '../helpers/rule-tester';

const SUM = 'sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d';
const COMMIT = '66735c67040ff2d1d2a9a2c2c8b6d06d1c5d6e8a';

ruleTester(rule, {
  valid: [
    `FROM alpine:3.20\nADD --checksum=${SUM} https://example.com/tool.tar.gz /opt/`,
    { name: 'local files are add-instead-of-copy\'s business', code: 'FROM alpine:3.20\nADD app.conf /etc/app/' },
    { name: 'git source pinned to a commit', code: `FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#${COMMIT} /src` },
    { name: 'git source with a checksum query', code: 'FROM alpine:3.20\nADD "https://github.com/moby/buildkit.git?tag=v0.21.1&checksum=66735c67" /src' },
    { name: 'git source with --checksum', code: `FROM alpine:3.20\nADD --checksum=${COMMIT} https://github.com/org/repo.git#main /src` },
    { name: 'URL from an ARG without a default is unknown', code: 'FROM alpine:3.20\nARG URL\nADD $URL /opt/' },
    { name: 'exec form with checksum', code: `FROM alpine:3.20\nADD --checksum=${SUM} ["https://example.com/a b.tgz", "/opt/"]` },
    { name: 'heredoc body is not a source', code: 'FROM alpine:3.20\nADD <<EOF /etc/urls\nhttps://example.com/a\nEOF' },
    { name: 'COPY does not fetch', code: 'FROM alpine:3.20\nCOPY https-proxy.conf /etc/' },
    {
      name: "the quick fix's placeholder: not reported again (the build rejects it until the digest is filled in)",
      code: 'FROM alpine:3.20\nADD --checksum=sha256:<digest> https://example.com/tool.tar.gz /opt/',
    },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD https://example.com/tool.tar.gz /opt/',
      errors: [{ line: 2, column: 5, endColumn: 36, message: /ADD downloads `https:\/\/example\.com\/tool\.tar\.gz` without `--checksum`/ }],
      fixTitles: ["Add --checksum=sha256:<digest> (fill in the file's SHA-256)"],
      output: 'FROM alpine:3.20\nADD --checksum=sha256:<digest> https://example.com/tool.tar.gz /opt/',
    },
    { name: 'plain http', code: 'FROM alpine:3.20\nADD http://example.com/a.sh /a.sh', errors: [{ line: 2, column: 5, endColumn: 28 }] },
    {
      name: 'URL built from an ARG default',
      code: 'FROM alpine:3.20\nARG V=1.2.3\nADD https://example.com/tool-${V}.tgz /opt/',
      errors: [{ line: 3, column: 5, endColumn: 38, message: /tool-1\.2\.3\.tgz/ }],
    },
    {
      name: 'exec form',
      code: 'FROM alpine:3.20\nADD ["https://example.com/a", "/a"]',
      errors: [{ line: 2, column: 7, endColumn: 28 }],
      output: 'FROM alpine:3.20\nADD --checksum=sha256:<digest> ["https://example.com/a", "/a"]',
    },
    {
      name: 'git branch',
      code: 'FROM alpine:3.20\nADD https://github.com/org/repo.git#main /src',
      errors: [{ line: 2, column: 5, endColumn: 41, message: /git repository `https:\/\/github\.com\/org\/repo\.git` at `main` is not pinned to a commit/ }],
      output: null,
    },
    { name: 'git over ssh, default branch', code: 'FROM alpine:3.20\nADD git@github.com:org/repo.git /src', errors: [{ line: 2, column: 5, message: /default branch/ }] },
    {
      name: 'credentials in the URL are not echoed',
      code: 'FROM alpine:3.20\nADD https://user:s3cr3tpass@example.com/a.tgz /x',
      errors: [{ line: 2, column: 5, message: /^(?!.*s3cr3t).*https:\/\/…@example\.com\/a\.tgz/ }],
    },
    {
      name: 'query strings are not echoed; quoted word',
      code: 'FROM alpine:3.20\nADD "https://example.com/a.tgz?token=abcd1234" /x',
      errors: [{ line: 2, column: 6, endColumn: 46, message: /^(?!.*abcd1234).*a\.tgz\?…/ }],
    },
    {
      name: 'flags, continuation and a comment line',
      code: 'FROM alpine:3.20\nADD --chown=app:app \\\n# fetch the tool\n  https://example.com/a /a',
      errors: [{ line: 4, column: 3, endColumn: 24 }],
      output: 'FROM alpine:3.20\nADD --checksum=sha256:<digest> --chown=app:app \\\n# fetch the tool\n  https://example.com/a /a',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nADD `\n  https://example.com/setup.exe C:\\setup.exe',
      errors: [{ line: 4, column: 3, endColumn: 32 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nADD --checksum=sha256:<digest> `\n  https://example.com/setup.exe C:\\setup.exe',
    },
    {
      name: 'several URLs; a checksum on one ADD does not cover another',
      code: `FROM alpine:3.20\nADD https://e.com/a https://e.com/b /opt/\nADD --checksum=${SUM} https://e.com/c /opt/\nFROM alpine:3.20\nADD https://e.com/d /d`,
      errors: [{ line: 2, column: 5 }, { line: 2, column: 21 }, { line: 5, column: 5 }],
      // BuildKit refuses --checksum with several sources: no fix for those.
      output: null,
    },
    {
      name: 'CRLF and a lower-case keyword',
      code: 'FROM alpine:3.20\r\nadd --chmod=755 https://example.com/tini /sbin/tini\r\n',
      errors: [{ line: 2, column: 17 }],
      output: 'FROM alpine:3.20\r\nadd --checksum=sha256:<digest> --chmod=755 https://example.com/tini /sbin/tini\r\n',
    },
    {
      name: 'URL from an ARG default in a later stage',
      code: 'FROM alpine:3.20 AS a\nFROM alpine:3.20\nARG URL=https://example.com/a.tgz\nADD ${URL} /opt/',
      errors: [{ line: 4, column: 5, endColumn: 11 }],
      output: 'FROM alpine:3.20 AS a\nFROM alpine:3.20\nARG URL=https://example.com/a.tgz\nADD --checksum=sha256:<digest> ${URL} /opt/',
    },
  ],
});
