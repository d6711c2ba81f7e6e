import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/dockerfile/no-sudo';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    { name: 'sudo as an argument is not sudo running', code: 'FROM debian:12\nRUN apt-get install -y sudo' },
    { name: 'comment line inside a continuation', code: 'FROM debian:12\nRUN echo a \\\n# sudo rm x\n  && echo b' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN sudo apt-get update',
      errors: [{ line: 2, column: 5, endColumn: 9, message: /sudo/ }],
      fixTitles: ['Remove sudo'],
      output: 'FROM debian:12\nRUN apt-get update',
    },
    {
      name: 'second command of a chain, on a continuation line',
      code: 'FROM debian:12\nRUN apt-get update \\\n && sudo apt-get install -y curl',
      errors: [{ line: 3, column: 5, endColumn: 9 }],
      output: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl',
    },
    {
      name: 'exec form',
      code: 'FROM alpine\nRUN ["sudo", "apk", "add", "curl"]',
      errors: [{ line: 2, column: 7, endColumn: 11 }],
      output: 'FROM alpine\nRUN ["apk", "add", "curl"]',
    },
    {
      name: 'exec form with options',
      code: 'FROM alpine\nRUN ["sudo", "-E", "apk", "add", "curl"]',
      errors: [{ line: 2, column: 7 }],
      output: 'FROM alpine\nRUN ["apk", "add", "curl"]',
    },
    {
      name: 'heredoc body',
      code: 'FROM alpine\nRUN <<EOF\nset -e\nsudo apk add curl\nEOF',
      errors: [{ line: 4, column: 1 }],
      output: 'FROM alpine\nRUN <<EOF\nset -e\napk add curl\nEOF',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM alpine\nRUN echo hi `\n  ; sudo ls',
      errors: [{ line: 4, column: 5 }],
      output: '# escape=`\nFROM alpine\nRUN echo hi `\n  ; ls',
    },
    {
      name: 'through env wrapper',
      code: 'FROM alpine\nRUN env X=1 sudo ls',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM alpine\nRUN env X=1 ls',
    },
    {
      name: 'sudo options that change nothing for root are removed with it',
      code: 'FROM debian:12\nRUN sudo -E -H apt-get update && sudo -n -u root true && sudo -HE -- ls',
      errors: [{ line: 2, column: 5 }, { line: 2, column: 34 }, { line: 2, column: 58 }],
      output: 'FROM debian:12\nRUN apt-get update && sudo -n -u root true && sudo -HE -- ls',
    },
    { name: 'sudo -u another user: a different intent, no fix', code: 'FROM debian:12\nRUN sudo -u postgres psql -c "select 1"', errors: [{ line: 2, column: 5 }], output: null },
    { name: 'sudo -i: login shell, no fix', code: 'FROM debian:12\nRUN sudo -i whoami', errors: [{ line: 2, column: 5 }], output: null },
    { name: 'sudo with nothing to run', code: 'FROM debian:12\nRUN sudo -v', errors: [{ line: 2, column: 5 }], output: null },
    {
      name: 'sudo followed by a continuation keeps the continuation',
      code: 'FROM debian:12\nRUN sudo \\\n    apt-get update',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM debian:12\nRUN \\\n    apt-get update',
    },
    {
      name: 'CRLF',
      code: 'FROM debian:12\r\nRUN sudo apt-get update\r\nCMD ["bash"]\r\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM debian:12\r\nRUN apt-get update\r\nCMD ["bash"]\r\n',
    },
    {
      name: 'after a non-root USER: switch to root around the RUN instead',
      code: 'FROM debian:12\nUSER app\n  RUN sudo apt-get update \\\n      && sudo apt-get install -y curl\nCMD ["bash"]',
      errors: [{ line: 3, column: 7 }, { line: 4, column: 10 }],
      fixTitles: ['Replace sudo with USER root around this RUN'],
      output: 'FROM debian:12\nUSER app\n  USER root\n  RUN apt-get update \\\n      && sudo apt-get install -y curl\n  USER app\nCMD ["bash"]',
    },
    {
      name: 'non-root USER inherited from an earlier stage, RUN last in the file, CRLF',
      code: 'FROM debian:12 AS base\r\nUSER 1000:1000\r\nFROM base\r\nRUN sudo apt-get update',
      errors: [{ line: 4, column: 5 }],
      output: 'FROM debian:12 AS base\r\nUSER 1000:1000\r\nFROM base\r\nUSER root\r\nRUN apt-get update\r\nUSER 1000:1000\r\n',
    },
    {
      name: 'USER root again before the RUN',
      code: 'FROM debian:12\nUSER app\nUSER root\nRUN sudo apt-get update\nUSER app',
      errors: [{ line: 4, column: 5 }],
      fixTitles: ['Remove sudo'],
      output: 'FROM debian:12\nUSER app\nUSER root\nRUN apt-get update\nUSER app',
    },
    {
      name: 'doas',
      code: 'FROM alpine:3.20\nRUN doas -n apk add curl',
      errors: [{ line: 2, column: 5 }],
      fixTitles: ['Remove doas'],
      output: 'FROM alpine:3.20\nRUN apk add curl',
    },
  ],
});

describe('no-sudo fixes', () => {
  it('are safe only when the RUN already runs as root', () => {
    const root = findingsFor(rule, { code: 'FROM debian:12\nRUN sudo apt-get update' });
    assert.equal(root[0].fixes?.[0].safe, true);
    const app = findingsFor(rule, { code: 'FROM debian:12\nUSER app\nRUN sudo apt-get update' });
    assert.equal(app[0].fixes?.[0].safe, false);
    const unknown = findingsFor(rule, { code: 'FROM debian:12\nARG UID\nUSER $UID\nRUN sudo apt-get update' });
    assert.deepEqual(unknown[0].fixes?.map((f) => [f.title, f.safe]), [['Remove sudo', false]]);
  });
});
