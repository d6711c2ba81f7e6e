import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/dockerfile/apt-lists-not-cleaned';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

const I = 'apt-get install -y --no-install-recommends curl=7.88.1-10';
const CLEAN = 'rm -rf /var/lib/apt/lists/*';

ruleTester(rule, {
  valid: [
    `FROM debian:12\nRUN apt-get update && ${I} && ${CLEAN}`,
    {
      name: 'cache mounts hold the lists',
      code: `# syntax=docker/dockerfile:1\nFROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && ${I}`,
    },
    { name: 'tmpfs mount on the lists', code: `FROM debian:12\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update && ${I}` },
    { name: 'build stage that only feeds COPY --from', code: `FROM debian:12 AS build\nRUN apt-get update && ${I}\nFROM scratch\nCOPY --from=build /usr/bin/curl /curl` },
    { name: 'apt-get distclean', code: `FROM debian:13\nRUN apt-get update && ${I} && apt-get distclean` },
    { name: 'rm of the directory itself, with other paths', code: `FROM debian:12\nRUN apt-get update && ${I} && rm -fr /tmp/* /var/lib/apt/lists` },
    { name: 'find -delete', code: `FROM debian:12\nRUN apt-get update && ${I} && find /var/lib/apt/lists -type f -delete` },
    { name: 'update alone is update-alone\'s business', code: 'FROM debian:12\nRUN apt-get update' },
    { name: 'simulation', code: 'FROM debian:12\nRUN apt-get install -s curl' },
    { name: 'heredoc script', code: `FROM debian:12\nRUN <<EOF\napt-get update\n${I}\n${CLEAN}\nEOF` },
    { name: 'comment line inside a continuation', code: `FROM debian:12\nRUN apt-get update \\\n# the lists go at the end\n && ${I} \\\n && ${CLEAN}` },
  ],
  invalid: [
    {
      code: `FROM debian:12\nRUN apt-get update && ${I}`,
      errors: [{ line: 2, column: 13, endColumn: 19, message: 'The package lists `update` downloads stay in this layer: delete `/var/lib/apt/lists/*` at the end of the RUN.' }],
      fixTitles: [`Append \`${CLEAN}\``],
      output: `FROM debian:12\nRUN apt-get update && ${I} && ${CLEAN}`,
    },
    {
      name: 'no update in the RUN: anchored on the install',
      code: `FROM debian:12\nRUN ${I}`,
      errors: [{ line: 2, column: 13, message: /^The APT package lists stay in this layer/ }],
      output: `FROM debian:12\nRUN ${I} && ${CLEAN}`,
    },
    {
      name: 'continuation lines with leading operators: a new line',
      code: `FROM debian:12\nRUN apt-get update \\\n    && ${I}\nUSER app`,
      errors: [{ line: 2, column: 13 }],
      output: `FROM debian:12\nRUN apt-get update \\\n    && ${I} \\\n    && ${CLEAN}\nUSER app`,
    },
    {
      name: 'continuation lines with trailing operators',
      code: `FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends \\\n      curl=7.88.1-10`,
      errors: [{ line: 2, column: 13 }],
      output: `FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends \\\n      curl=7.88.1-10 && \\\n      ${CLEAN}`,
    },
    {
      name: 'a script of `;`-separated commands ending with `;`',
      code: `FROM debian:12\nRUN set -eux; \\\n    apt-get update; \\\n    ${I};`,
      errors: [{ line: 3, column: 13 }],
      output: `FROM debian:12\nRUN set -eux; \\\n    apt-get update; \\\n    ${I}; \\\n    ${CLEAN}`,
    },
    {
      name: 'heredoc script: a line before the terminator',
      code: `FROM debian:12\nRUN <<EOF\n  set -e\n  apt-get update\n  ${I}\nEOF\n`,
      errors: [{ line: 4, column: 11 }],
      output: `FROM debian:12\nRUN <<EOF\n  set -e\n  apt-get update\n  ${I}\n  ${CLEAN}\nEOF\n`,
    },
    {
      name: 'CRLF, multi-line',
      code: `FROM debian:12\r\nRUN apt-get update \\\r\n && ${I}\r\n`,
      errors: [{ line: 2, column: 13 }],
      output: `FROM debian:12\r\nRUN apt-get update \\\r\n && ${I} \\\r\n && ${CLEAN}\r\n`,
    },
    {
      name: 'escape directive',
      code: `# escape=\`\nFROM debian:12\nRUN apt-get update \`\n && ${I}`,
      errors: [{ line: 3, column: 13 }],
      output: `# escape=\`\nFROM debian:12\nRUN apt-get update \`\n && ${I} \`\n && ${CLEAN}`,
    },
    {
      name: 'after a pipe and a closing `fi`',
      code: `FROM debian:12\nRUN apt-get update && if [ -n "$X" ]; then ${I}; fi | tee /tmp/log`,
      errors: [{ line: 2, column: 13 }],
      output: `FROM debian:12\nRUN apt-get update && if [ -n "$X" ]; then ${I}; fi | tee /tmp/log && ${CLEAN}`,
    },
    { name: 'a trailing shell comment: no fix', code: `FROM debian:12\nRUN apt-get update && ${I} # tools`, errors: [{ line: 2, column: 13 }], output: null },
    { name: 'exec form: no fix', code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "--no-install-recommends", "curl=7.88.1-10"]', errors: [{ line: 2, column: 18 }], output: null },
    { name: 'rm before the install does not count', code: `FROM debian:12\nRUN ${CLEAN} && apt-get update && ${I}`, errors: [{ line: 2, column: 44 }] },
    {
      name: 'a later RUN installs from these lists: no fix (it would break that RUN)',
      code: `FROM debian:12\nRUN apt-get update && ${I}\nRUN apt-get install -y --no-install-recommends wget=1.21.3-1 && ${CLEAN}`,
      errors: [{ line: 2, column: 13 }],
      output: null,
    },
    {
      name: 'a RUN in between refreshes the lists: the fix is offered',
      code: `FROM debian:12\nRUN apt-get update && ${I}\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends wget=1.21.3-1 && ${CLEAN}`,
      errors: [{ line: 2, column: 13 }],
      output: `FROM debian:12\nRUN apt-get update && ${I} && ${CLEAN}\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends wget=1.21.3-1 && ${CLEAN}`,
    },
    {
      name: 'a cache mount on /var/cache/apt only leaves the lists in the layer',
      code: `FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && ${I}`,
      errors: [{ line: 2, column: 54 }],
    },
  ],
});

describe('apt-lists-not-cleaned fix', () => {
  it('is applied by fix-all', () => {
    const found = findingsFor(rule, { code: `FROM debian:12\nRUN apt-get update && ${I}` });
    assert.equal(found[0].fixes?.[0].safe, true);
  });
});
