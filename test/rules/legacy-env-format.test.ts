import rule from '../../server/core/rules/dockerfile/legacy-env-format';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nENV A=1',
    { name: 'several pairs', code: 'FROM alpine:3.20\nENV A=1 B="two words" C=3' },
    { name: 'empty value with =', code: 'FROM alpine:3.20\nENV A=' },
    { name: 'ARG has no legacy form', code: 'FROM alpine:3.20\nARG A B' },
    { name: 'LABEL with =', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.title="My app"' },
    { name: 'ENV across lines with =', code: 'FROM alpine:3.20\nENV A=1 \\\n    B=2' },
    { name: 'ONBUILD ENV is a trigger', code: 'FROM alpine:3.20\nONBUILD ENV A=1' },
    // A leading `--word` is a flag for the builder (syntax-error reports it), not a key: rewriting `LABEL --a# b` as
    // `LABEL --a#=b` left a LABEL of flags only (fuzzing, seed 20261123).
    { name: 'a leading --word is a builder flag, not a key', code: 'FROM alpine:3.20\nLABEL --a# https://example.com/' },
    { name: 'a leading --word under ENV', code: 'FROM alpine:3.20\nENV --a b' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nENV LANG C.UTF-8',
      errors: [{ line: 2, column: 5, endColumn: 9, message: 'ENV `LANG` uses the legacy "key value" form: write `ENV LANG=<value>`.' }],
      output: 'FROM alpine:3.20\nENV LANG=C.UTF-8',
      fixTitles: ['Rewrite as ENV LANG=…'],
    },
    {
      name: 'the value is everything after the key, so blanks get quoted',
      code: 'FROM eclipse-temurin:21-jre\nENV JAVA_OPTS -Xmx512m  -XX:+UseG1GC',
      errors: [{ line: 2, column: 5, endColumn: 14 }],
      output: 'FROM eclipse-temurin:21-jre\nENV JAVA_OPTS="-Xmx512m  -XX:+UseG1GC"',
    },
    {
      // Fuzzing (seed 32): a U+2028 inside the value split it into two words once written as `key=value` unquoted.
      name: 'any Unicode blank gets the value quoted, not only space and tab',
      code: 'FROM alpine:3.20\nENV LIB_PATH /opt/lib\u2028`',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM alpine:3.20\nENV LIB_PATH="/opt/lib\u2028`"',
    },
    {
      name: 'an already quoted value stays as it is',
      code: 'FROM alpine:3.20\nENV GREETING "hello world"',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM alpine:3.20\nENV GREETING="hello world"',
    },
    {
      name: 'variables keep working inside the added quotes',
      code: 'FROM alpine:3.20\nENV PATH $PATH:/opt/bin /x',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM alpine:3.20\nENV PATH="$PATH:/opt/bin /x"',
    },
    {
      name: 'an equals sign inside the value',
      code: 'FROM alpine:3.20\nENV OPTS a=b',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM alpine:3.20\nENV OPTS=a=b',
    },
    {
      name: 'quotes mixed with blanks need judgement: no fix',
      code: 'FROM alpine:3.20\nENV A "b" c',
      errors: [{ line: 2, column: 5 }],
      output: null,
    },
    {
      // Fuzzing (seed 20261128): `ENV ''x PASSWORD:` rewritten as `ENV ''x=PASSWORD:` was read as one key with no value.
      name: 'a key with quotes reads differently before `=`: no fix',
      code: "FROM alpine:3.20\nENV ''x PASSWORD:",
      errors: [{ line: 2, column: 5 }],
      output: null,
    },
    {
      name: 'a key with an escape character: no fix',
      code: 'FROM alpine:3.20\nLABEL a\\b c',
      errors: [{ line: 2, column: 7 }],
      output: null,
    },
    {
      name: 'LABEL (BuildKit reports it too)',
      code: 'FROM alpine:3.20\nLABEL description My small app',
      errors: [{ line: 2, column: 7, endColumn: 18, message: /^LABEL `description`/ }],
      output: 'FROM alpine:3.20\nLABEL description="My small app"',
      fixTitles: ['Rewrite as LABEL description=…'],
    },
    {
      name: 'a secret-looking value is never printed',
      code: 'FROM alpine:3.20\nENV API_TOKEN s3cr3tvalue',
      errors: [{ line: 2, column: 5, message: /^(?!.*s3cr3t)/ }],
      output: 'FROM alpine:3.20\nENV API_TOKEN=s3cr3tvalue',
    },
    {
      name: 'key and value on different lines',
      code: 'FROM alpine:3.20\nENV TZ \\\n    Europe/Paris\nRUN date',
      errors: [{ line: 2, column: 5, endColumn: 7 }],
      output: 'FROM alpine:3.20\nENV TZ=Europe/Paris\nRUN date',
    },
    {
      name: 'a value over continuation lines is quoted as it stands (the builder joins the lines first)',
      code: 'FROM php:8.3-cli\nENV PHPIZE_DEPS \\\n\t\tautoconf \\\n# build tools\n\t\tdpkg-dev \\\n\t\tfile\nRUN true',
      errors: [{ line: 2, column: 5, endColumn: 16 }],
      output: 'FROM php:8.3-cli\nENV PHPIZE_DEPS="autoconf \\\n# build tools\n\t\tdpkg-dev \\\n\t\tfile"\nRUN true',
    },
    {
      name: 'a comment line between key and value: no fix',
      code: 'FROM alpine:3.20\nENV TZ \\\n# where\n    Europe/Paris',
      errors: [{ line: 2, column: 5 }],
      output: null,
    },
    {
      name: 'escape directive: a backslash is literal, blanks are quoted',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV APP_DIR C:\\Program Files\\app',
      errors: [{ line: 3, column: 5, endColumn: 12 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV APP_DIR="C:\\Program Files\\app"',
    },
    {
      name: 'an escaped blank is one word',
      code: 'FROM alpine:3.20\nENV DIR /opt/my\\ app',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM alpine:3.20\nENV DIR=/opt/my\\ app',
    },
    {
      name: 'CRLF line endings, every stage',
      code: 'FROM alpine:3.20 AS a\r\nENV A 1\r\nFROM alpine:3.20\r\nENV B two words\r\n',
      errors: [{ line: 2, column: 5 }, { line: 4, column: 5 }],
      output: 'FROM alpine:3.20 AS a\r\nENV A=1\r\nFROM alpine:3.20\r\nENV B two words\r\n',
    },
  ],
});
