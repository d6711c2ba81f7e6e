import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/dockerfile/pipefail';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

const SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';
const FETCH = 'curl -fsSL https://example.com/t.tar.gz | tar -xz -C /usr/local/bin';

ruleTester(rule, {
  valid: [
    `FROM debian:12\n${SHELL}\nRUN ${FETCH}`,
    { name: 'SHELL with -eo pipefail', code: `FROM debian:12\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN ${FETCH}` },
    { name: 'set -o pipefail earlier in the RUN', code: `FROM alpine:3.20\nRUN set -euxo pipefail; wget -qO- https://example.com/t.tar.gz | tar -xz` },
    { name: 'echo cannot fail', code: 'FROM debian:12\nRUN echo "deb https://example.com/apt stable main" | tee /etc/apt/sources.list.d/x.list' },
    { name: 'cat of a heredoc cannot fail', code: 'FROM debian:12\nRUN cat <<EOF | tee /etc/motd\nhello\nEOF' },
    { name: '|| is not a pipe', code: 'FROM debian:12\nRUN test -f /x || touch /x' },
    { name: 'a pipe inside bash -c runs in another shell', code: 'FROM debian:12\nRUN bash -c "curl -fsSL https://example.com/x | tar -x"' },
    { name: 'comment line inside a continuation', code: 'FROM debian:12\nRUN echo a \\\n# curl x | sh\n && echo b' },
    { name: 'heredoc script with its own interpreter', code: 'FROM debian:12\nRUN <<EOF\n#!/bin/bash\nset -eo pipefail\ncurl -fsSL https://example.com/x | tar -x\nEOF' },
    { name: 'Windows cmd', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\ | findstr Windows' },
    { name: 'SHELL inherited from the stage this one builds on', code: `FROM debian:12 AS base\n${SHELL}\nFROM base\nRUN ${FETCH}` },
    { name: 'exec form without a shell', code: 'FROM debian:12\nRUN ["/usr/bin/printf", "a|b"]' },
  ],
  invalid: [
    {
      name: 'Debian: bash exists, /bin/sh (dash) has no pipefail',
      code: `FROM debian:12\nRUN ${FETCH}`,
      errors: [{ line: 2, column: 45, endColumn: 46, message: 'A failure of `curl` before this pipe is ignored: the RUN\'s shell (`/bin/sh -c`) runs without `-o pipefail`.' }],
      fixTitles: [`Insert \`${SHELL}\` at line 2`],
      output: `FROM debian:12\n${SHELL}\nRUN ${FETCH}`,
    },
    {
      name: 'Alpine: no bash, BusyBox ash has pipefail',
      code: 'FROM alpine:3.20\nRUN wget -qO- https://example.com/t.tar.gz | tar -xz',
      errors: [{ line: 2, column: 44 }],
      fixTitles: ['Prefix the RUN with `set -o pipefail &&`'],
      output: 'FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://example.com/t.tar.gz | tar -xz',
    },
    {
      name: 'RHEL family: both, SHELL preferred',
      code: `FROM rockylinux:9\nRUN ${FETCH}`,
      errors: [{ line: 2, column: 45 }],
      fixTitles: [`Insert \`${SHELL}\` at line 2`, 'Prefix the RUN with `set -o pipefail &&`'],
      output: `FROM rockylinux:9\n${SHELL}\nRUN ${FETCH}`,
    },
    {
      name: 'SHELL goes above the comments describing the RUN',
      code: `FROM debian:12\nWORKDIR /app\n# fetch the tool\n# (and unpack it)\nRUN ${FETCH}`,
      errors: [{ line: 5, column: 45 }],
      output: `FROM debian:12\nWORKDIR /app\n${SHELL}\n# fetch the tool\n# (and unpack it)\nRUN ${FETCH}`,
    },
    {
      name: 'two RUNs: the SHELL goes before the first',
      code: `FROM debian:12\nRUN ${FETCH}\nRUN git ls-remote https://example.com/r.git | head -n1 > /rev`,
      errors: [{ line: 2, column: 45 }, { line: 3, column: 45 }],
      output: `FROM debian:12\n${SHELL}\nRUN ${FETCH}\nRUN git ls-remote https://example.com/r.git | head -n1 > /rev`,
    },
    { name: 'set -o pipefail after the pipe does not count', code: 'FROM alpine:3.20\nRUN wget -qO- https://x/a | tar -x; set -o pipefail', errors: [{ line: 2, column: 27 }] },
    {
      name: 'heredoc script on Alpine',
      code: 'FROM alpine:3.20\nRUN <<EOF\n  wget -qO- https://example.com/t.tar.gz | tar -xz\nEOF\n',
      errors: [{ line: 3, column: 42 }],
      fixTitles: ['Add `set -o pipefail` as the first line of the script'],
      output: 'FROM alpine:3.20\nRUN <<EOF\n  set -o pipefail\n  wget -qO- https://example.com/t.tar.gz | tar -xz\nEOF\n',
    },
    {
      name: 'CRLF',
      code: `FROM ubuntu:24.04\r\nRUN ${FETCH}\r\n`,
      errors: [{ line: 2, column: 45 }],
      output: `FROM ubuntu:24.04\r\n${SHELL}\r\nRUN ${FETCH}\r\n`,
    },
    {
      name: 'escape directive, pipe on a continuation line',
      code: '# escape=`\nFROM alpine:3.20\nRUN wget -qO- https://example.com/t.tar.gz `\n  | tar -xz',
      errors: [{ line: 4, column: 3 }],
      output: '# escape=`\nFROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://example.com/t.tar.gz `\n  | tar -xz',
    },
    {
      name: 'SHELL is bash without pipefail: both fixes keep its path',
      code: `FROM debian:12\nSHELL ["/usr/bin/bash", "-c"]\nRUN ${FETCH}`,
      errors: [{ line: 3, column: 45, message: /`\/usr\/bin\/bash -c`/ }],
      fixTitles: ['Insert `SHELL ["/usr/bin/bash", "-o", "pipefail", "-c"]` at line 3', 'Prefix the RUN with `set -o pipefail &&`'],
      output: `FROM debian:12\nSHELL ["/usr/bin/bash", "-c"]\nSHELL ["/usr/bin/bash", "-o", "pipefail", "-c"]\nRUN ${FETCH}`,
    },
    { name: 'unknown image: no fix offered', code: `FROM myorg/tools:1.0\nRUN ${FETCH}`, errors: [{ line: 2, column: 45 }], output: null },
    { name: 'exec form sh -c: reported, no fix', code: 'FROM debian:12\nRUN ["sh", "-c", "curl -fsSL https://x/a | tar -x"]', errors: [{ line: 2, column: 42 }], output: null },
    {
      name: 'SHELL ash on Alpine',
      code: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-c"]\nRUN wget -qO- https://x/a | tar -x',
      errors: [{ line: 3, column: 27 }],
      output: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-c"]\nRUN set -o pipefail && wget -qO- https://x/a | tar -x',
    },
    {
      name: 'pipe inside a command substitution',
      code: 'FROM debian:12\nRUN VERSION="$(curl -fsSL https://x/latest | jq -r .tag)" && echo "$VERSION" > /version',
      errors: [{ line: 2, column: 44, message: /`curl`/ }],
    },
    {
      name: 'only the stage without pipefail',
      code: `FROM debian:12 AS build\n${SHELL}\nRUN ${FETCH}\nFROM alpine:3.20\nCOPY --from=build /usr/local/bin /usr/local/bin\nRUN ls /usr/local/bin | grep -q t`,
      errors: [{ line: 6, column: 23, message: /`ls`/ }],
      output: `FROM debian:12 AS build\n${SHELL}\nRUN ${FETCH}\nFROM alpine:3.20\nCOPY --from=build /usr/local/bin /usr/local/bin\nRUN set -o pipefail && ls /usr/local/bin | grep -q t`,
    },
  ],
});

describe('pipefail fixes', () => {
  it('are not applied by fix-all (they change shell semantics)', () => {
    const found = findingsFor(rule, { code: `FROM rockylinux:9\nRUN ${FETCH}` });
    assert.deepEqual(found[0].fixes?.map((f) => [f.safe, !!f.isPreferred]), [[false, true], [false, false]]);
  });
});
