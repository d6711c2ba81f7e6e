import rule from '../../server/core/rules/dockerfile/no-sudo';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    { name: 'sudo as an argument is not sudo running', code: 'FROM debian:12\nRUN apt-get install -y sudo' },
    { name: 'comment line inside a continuation', code: 'FROM debian:12\nRUN echo a \\\n# sudo rm x\n  && echo b' },
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN sudo apt-get update', errors: [{ line: 2, column: 5, endColumn: 9, message: /sudo/ }] },
    {
      name: 'second command of a chain, on a continuation line',
      code: 'FROM debian:12\nRUN apt-get update \\\n && sudo apt-get install -y curl',
      errors: [{ line: 3, column: 5, endColumn: 9 }],
    },
    { name: 'exec form', code: 'FROM alpine\nRUN ["sudo", "apk", "add", "curl"]', errors: [{ line: 2, column: 7, endColumn: 11 }] },
    { name: 'heredoc body', code: 'FROM alpine\nRUN <<EOF\nset -e\nsudo apk add curl\nEOF', errors: [{ line: 4, column: 1 }] },
    { name: 'escape directive', code: '# escape=`\nFROM alpine\nRUN echo hi `\n  ; sudo ls', errors: [{ line: 4, column: 5 }] },
    { name: 'through env wrapper', code: 'FROM alpine\nRUN env X=1 sudo ls', errors: [{ line: 2, column: 13 }] },
  ],
});
