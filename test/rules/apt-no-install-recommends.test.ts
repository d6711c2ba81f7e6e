import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/dockerfile/apt-no-install-recommends';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

const CLEAN = 'rm -rf /var/lib/apt/lists/*';

ruleTester(rule, {
  valid: [
    { name: 'options from an ARG without a value are not guessed', code: 'FROM debian:12\nARG APT_OPTS\nRUN apt-get install $APT_OPTS curl' },
    `FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 && ${CLEAN}`,
    { name: 'global flag before the subcommand', code: `FROM debian:12\nRUN apt-get update && apt-get --no-install-recommends -y install curl=7.88.1-10 && ${CLEAN}` },
    { name: '-o APT::Install-Recommends=false', code: `FROM debian:12\nRUN apt-get update && apt-get -o APT::Install-Recommends=false install -y curl=7.88.1-10 && ${CLEAN}` },
    {
      name: 'apt.conf snippet written earlier, in the stage this one builds on',
      code: `FROM debian:12 AS base\nRUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends\nFROM base\nRUN apt-get update && apt-get install -y curl=7.88.1-10 && ${CLEAN}`,
    },
    {
      name: 'build stage that only feeds COPY --from',
      code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc=4:12.2.0-3\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /usr/bin/gcc /gcc',
    },
    { name: 'simulation installs nothing', code: 'FROM debian:12\nRUN apt-get install -s curl' },
    { name: 'flag from an ARG', code: `FROM debian:12\nARG APT_FLAGS="-y --no-install-recommends"\nRUN apt-get update && apt-get install $APT_FLAGS curl=7.88.1-10 && ${CLEAN}` },
    { name: 'comment line inside a continuation', code: 'FROM debian:12\nRUN echo a \\\n# apt-get install curl\n && echo b' },
    { name: 'aptitude is not judged', code: 'FROM debian:12\nRUN aptitude install -y curl' },
  ],
  invalid: [
    {
      code: `FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10 && ${CLEAN}`,
      errors: [{ line: 2, column: 31, endColumn: 38, message: '`install` without `--no-install-recommends` also installs every package the requested ones recommend.' }],
      fixTitles: ['Add `--no-install-recommends`'],
      output: `FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl=7.88.1-10 && ${CLEAN}`,
    },
    {
      name: 'on a continuation line',
      code: `FROM debian:12\nRUN apt-get update \\\n && apt-get install -y \\\n    curl=7.88.1-10 \\\n && ${CLEAN}`,
      errors: [{ line: 3, column: 13 }],
      output: `FROM debian:12\nRUN apt-get update \\\n && apt-get install --no-install-recommends -y \\\n    curl=7.88.1-10 \\\n && ${CLEAN}`,
    },
    {
      name: 'apt install',
      code: `FROM ubuntu:24.04\nRUN apt-get update && apt install -y curl=8.5.0-2ubuntu10 && ${CLEAN}`,
      errors: [{ line: 2, column: 27 }],
      output: `FROM ubuntu:24.04\nRUN apt-get update && apt install --no-install-recommends -y curl=8.5.0-2ubuntu10 && ${CLEAN}`,
    },
    {
      name: 'exec form array',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl=7.88.1-10"]',
      errors: [{ line: 2, column: 18, endColumn: 25 }],
      output: 'FROM debian:12\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "curl=7.88.1-10"]',
    },
    {
      name: 'exec form sh -c',
      code: 'FROM debian:12\nRUN ["sh", "-c", "apt-get update && apt-get install -y curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*"]',
      errors: [{ line: 2, column: 45 }],
      output: 'FROM debian:12\nRUN ["sh", "-c", "apt-get update && apt-get install --no-install-recommends -y curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*"]',
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl=7.88.1-10\nrm -rf /var/lib/apt/lists/*\nEOF\n',
      errors: [{ line: 4, column: 9 }],
      output: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install --no-install-recommends -y curl=7.88.1-10\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    },
    {
      name: 'CRLF',
      code: `FROM debian:12\r\nRUN apt-get update && apt-get install -y curl=7.88.1-10 && ${CLEAN}\r\n`,
      errors: [{ line: 2, column: 31 }],
      output: `FROM debian:12\r\nRUN apt-get update && apt-get install --no-install-recommends -y curl=7.88.1-10 && ${CLEAN}\r\n`,
    },
    {
      name: 'escape directive',
      code: `# escape=\`\nFROM debian:12\nRUN apt-get update \`\n && apt-get install -y curl=7.88.1-10 \`\n && ${CLEAN}`,
      errors: [{ line: 4, column: 13 }],
      output: `# escape=\`\nFROM debian:12\nRUN apt-get update \`\n && apt-get install --no-install-recommends -y curl=7.88.1-10 \`\n && ${CLEAN}`,
    },
    { name: 'subcommand from an ARG: reported, not rewritten', code: `FROM debian:12\nARG CMD=install\nRUN apt-get update && apt-get $CMD -y curl=7.88.1-10 && ${CLEAN}`, errors: [{ line: 3, column: 31, endColumn: 35 }], output: null },
    {
      name: 'an apt.conf snippet written after the install does not count',
      code: `FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10 && ${CLEAN}\nRUN echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/99norecommends`,
      errors: [{ line: 2, column: 31 }],
    },
    {
      name: 'a stage nothing else uses (an alternative target) is judged',
      code: `FROM debian:12 AS dev\nRUN apt-get update && apt-get install -y gdb=13.1-3 && ${CLEAN}\nFROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10 && ${CLEAN}`,
      errors: [{ line: 2, column: 31 }, { line: 4, column: 31 }],
    },
    { name: 'an unknown package list is not an option list', code: `FROM debian:12\nARG PACKAGES\nRUN apt-get update && apt-get install -y $PACKAGES && ${CLEAN}`, errors: [{ line: 3, column: 31 }] },
    { name: 'recommends turned on explicitly', code: `FROM debian:12\nRUN apt-get update && apt-get -o APT::Install-Recommends=true install -y curl=7.88.1-10 && ${CLEAN}`, errors: [{ line: 2, column: 63 }] },
  ],
});

describe('apt-no-install-recommends fix', () => {
  it('is not applied by fix-all: a recommended package the image relied on may go missing', () => {
    const found = findingsFor(rule, { code: 'FROM debian:12\nRUN apt-get install -y curl' });
    assert.equal(found[0].fixes?.[0].safe, false);
  });
});
