import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initializeCore } from '../../server/core/engine';
import rule from '../../server/core/rules/dockerfile/maintainer-deprecated';
import { findingsFor, ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"',
    { name: 'maintainer as a label key', code: 'FROM alpine:3.20\nLABEL maintainer="jane@example.com"' },
    { name: 'MAINTAINER in a RUN', code: 'FROM alpine:3.20\nRUN echo MAINTAINER' },
    { name: 'a comment', code: 'FROM alpine:3.20\n# MAINTAINER Jane Doe\nRUN true' },
    { name: 'an environment variable', code: 'FROM alpine:3.20\nENV MAINTAINER=jane' },
    { name: 'ONBUILD MAINTAINER is a trigger, not this image', code: 'FROM alpine:3.20\nONBUILD LABEL a=b' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>',
      errors: [{ line: 2, column: 1, endColumn: 11, message: 'MAINTAINER is deprecated: record the maintainer in the `org.opencontainers.image.authors` label instead.' }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"',
      fixTitles: ['Replace MAINTAINER with LABEL org.opencontainers.image.authors'],
    },
    {
      name: 'quotes, dollars and backslashes are kept literally',
      code: 'FROM alpine:3.20\nMAINTAINER "Jane" $USER \\o/ <jane@example.com>',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="\\"Jane\\" \\$USER \\\\o/ <jane@example.com>"',
    },
    {
      name: 'a value wrapped in quotes loses them',
      code: 'FROM alpine:3.20\nMAINTAINER "Jane Doe <jane@example.com>"',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"',
    },
    {
      name: 'escape directive: the backtick escapes',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nMAINTAINER Jane `Doe` "J" C:\\Users\\jane',
      errors: [{ line: 3, column: 1 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nLABEL org.opencontainers.image.authors="Jane ``Doe`` `"J`" C:\\Users\\jane"',
    },
    {
      name: 'continuation with a comment line',
      code: 'FROM alpine:3.20\nMAINTAINER Jane Doe \\\n# mail\n  <jane@example.com>\nRUN true',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\nRUN true',
    },
    {
      name: 'CRLF line endings',
      code: 'FROM alpine:3.20\r\nMAINTAINER jane@example.com\r\nRUN true\r\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\r\nLABEL org.opencontainers.image.authors="jane@example.com"\r\nRUN true\r\n',
    },
    {
      name: 'the stage already has the authors label: the fix removes MAINTAINER',
      code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="team@example.com"\nMAINTAINER jane@example.com\nRUN true',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="team@example.com"\nRUN true',
      fixTitles: ['Remove MAINTAINER (line 2 already sets org.opencontainers.image.authors)'],
    },
    {
      name: 'every stage, lower-case keyword',
      code: 'FROM golang:1.22 AS build\nmaintainer jane\nFROM alpine:3.20\nMAINTAINER jane',
      errors: [{ line: 2, column: 1, endColumn: 11 }, { line: 4, column: 1 }],
      output: 'FROM golang:1.22 AS build\nLABEL org.opencontainers.image.authors="jane"\nFROM alpine:3.20\nMAINTAINER jane',
    },
  ],
});

describe('maintainer-deprecated fix safety', () => {
  before(() => initializeCore());
  it('replacing is safe; removing beside an existing authors label needs a choice', () => {
    assert.equal(findingsFor(rule, { code: 'FROM alpine:3.20\nMAINTAINER jane' })[0].fixes?.[0].safe, true);
    const code = 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors=team\nMAINTAINER jane';
    assert.equal(findingsFor(rule, { code })[0].fixes?.[0].safe, false);
  });
});
