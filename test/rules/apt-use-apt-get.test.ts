import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/dockerfile/apt-use-apt-get';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

const CLEAN = 'rm -rf /var/lib/apt/lists/*';

ruleTester(rule, {
  valid: [
    `FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10 && ${CLEAN}`,
    { name: 'other apt-* tools', code: 'FROM ubuntu:24.04\nRUN apt-mark hold curl && apt-cache policy curl && apt-key list' },
    { name: 'the word in an echo', code: 'FROM ubuntu:24.04\nRUN echo "apt install curl"' },
    { name: 'apt as an argument', code: 'FROM ubuntu:24.04\nRUN ls /etc/apt apt' },
    { name: 'aptitude is another tool', code: 'FROM ubuntu:24.04\nRUN aptitude search curl' },
    { name: 'comment line inside a continuation', code: 'FROM ubuntu:24.04\nRUN echo a \\\n# apt install curl\n && echo b' },
  ],
  invalid: [
    {
      name: 'apt update and apt install',
      code: `FROM ubuntu:24.04\nRUN apt update && apt install -y --no-install-recommends curl=8.5.0-2ubuntu10 && ${CLEAN}`,
      errors: [
        { line: 2, column: 5, endColumn: 8, message: '`apt` is the interactive front end whose interface is not stable for scripts; use `apt-get` in RUN.' },
        { line: 2, column: 19, endColumn: 22 },
      ],
      fixTitles: ['Replace `apt` with `apt-get`'],
      output: `FROM ubuntu:24.04\nRUN apt-get update && apt install -y --no-install-recommends curl=8.5.0-2ubuntu10 && ${CLEAN}`,
    },
    {
      name: 'apt search → apt-cache',
      code: 'FROM ubuntu:24.04\nRUN apt search curl',
      errors: [{ line: 2, column: 5, message: /use `apt-cache`/ }],
      fixTitles: ['Replace `apt` with `apt-cache`'],
      output: 'FROM ubuntu:24.04\nRUN apt-cache search curl',
    },
    {
      name: 'apt full-upgrade → apt-get full-upgrade (an apt-get alias of dist-upgrade)',
      code: 'FROM ubuntu:24.04\nRUN apt-get update && apt full-upgrade -y',
      errors: [{ line: 2, column: 23 }],
      output: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get full-upgrade -y',
    },
    { name: 'apt list has no counterpart: no fix', code: 'FROM ubuntu:24.04\nRUN apt list --installed', errors: [{ line: 2, column: 5, message: /`apt list`/ }], output: null },
    { name: 'bare apt: no fix', code: 'FROM ubuntu:24.04\nRUN apt', errors: [{ line: 2, column: 5 }], output: null },
    {
      name: 'path to apt, through sudo',
      code: `FROM ubuntu:24.04\nRUN sudo /usr/bin/apt update`,
      errors: [{ line: 2, column: 10, endColumn: 22 }],
      output: 'FROM ubuntu:24.04\nRUN sudo /usr/bin/apt-get update',
    },
    {
      name: 'exec form',
      code: 'FROM ubuntu:24.04\nRUN ["apt", "update"]',
      errors: [{ line: 2, column: 7, endColumn: 10 }],
      output: 'FROM ubuntu:24.04\nRUN ["apt-get", "update"]',
    },
    {
      name: 'heredoc',
      code: 'FROM ubuntu:24.04\nRUN <<EOF\nset -e\napt update\napt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10\nEOF\n',
      errors: [{ line: 4, column: 1 }],
      output: 'FROM ubuntu:24.04\nRUN <<EOF\nset -e\napt-get update\napt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10\nEOF\n',
    },
    {
      name: 'CRLF',
      code: `FROM ubuntu:24.04\r\nRUN apt-get update && apt install -y --no-install-recommends curl=8.5.0-2ubuntu10 && ${CLEAN}\r\n`,
      errors: [{ line: 2, column: 23 }],
      output: `FROM ubuntu:24.04\r\nRUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10 && ${CLEAN}\r\n`,
    },
    {
      name: 'escape directive and a continuation',
      code: `# escape=\`\nFROM ubuntu:24.04\nRUN apt-get update \`\n && apt -y install --no-install-recommends curl=8.5.0-2ubuntu10 \`\n && ${CLEAN}`,
      errors: [{ line: 4, column: 5 }],
      output: `# escape=\`\nFROM ubuntu:24.04\nRUN apt-get update \`\n && apt-get -y install --no-install-recommends curl=8.5.0-2ubuntu10 \`\n && ${CLEAN}`,
    },
    { name: 'tool from an ARG: reported, not rewritten', code: 'FROM ubuntu:24.04\nARG APT=apt\nRUN $APT update', errors: [{ line: 3, column: 5, endColumn: 9 }], output: null },
    {
      name: 'apt upgrade: a fix that needs a decision',
      code: 'FROM ubuntu:24.04\nRUN apt-get update && apt upgrade -y',
      errors: [{ line: 2, column: 23 }],
      output: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get upgrade -y',
    },
  ],
});

describe('apt-use-apt-get fixes', () => {
  it('are safe except for apt upgrade (apt-get upgrade holds back upgrades that need new packages)', () => {
    const install = findingsFor(rule, { code: 'FROM ubuntu:24.04\nRUN apt update' });
    assert.equal(install[0].fixes?.[0].safe, true);
    const upgrade = findingsFor(rule, { code: 'FROM ubuntu:24.04\nRUN apt upgrade -y' });
    assert.equal(upgrade[0].fixes?.[0].safe, false);
  });
});
