import rule from '../../server/core/rules/dockerfile/invalid-port';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM nginx:1.27\nEXPOSE 80',
    { name: 'protocols', code: 'FROM alpine:3.20\nEXPOSE 80/tcp 53/udp 9/sctp' },
    { name: 'protocol in upper case', code: 'FROM alpine:3.20\nEXPOSE 8080/TCP' },
    { name: 'a range', code: 'FROM alpine:3.20\nEXPOSE 8000-8010 8080-8080/udp' },
    { name: 'the bounds', code: 'FROM alpine:3.20\nEXPOSE 0 65535' },
    { name: 'from an ARG default', code: 'FROM alpine:3.20\nARG PORT=8080\nEXPOSE $PORT' },
    { name: 'an ARG without a value is not guessed', code: 'FROM alpine:3.20\nARG PORT\nEXPOSE ${PORT}' },
    { name: 'a default in the substitution', code: 'FROM alpine:3.20\nEXPOSE ${PORT:-8080}' },
    { name: 'a host mapping (BuildKit warns but accepts)', code: 'FROM alpine:3.20\nEXPOSE 8080:80 127.0.0.1:53:53/udp' },
    { name: 'quoted', code: 'FROM alpine:3.20\nEXPOSE "8080"' },
    { name: 'several ports from one ENV', code: 'FROM alpine:3.20\nENV PORTS="80 443"\nEXPOSE $PORTS' },
    { name: 'line continuation', code: 'FROM alpine:3.20\nEXPOSE 80 \\\n# https\n  443' },
    { name: 'in a build stage too', code: 'FROM alpine:3.20 AS build\nEXPOSE 9229\nFROM alpine:3.20' },
  ],
  invalid: [
    {
      code: 'FROM nginx:1.27\nEXPOSE 80800',
      errors: [{ line: 2, column: 8, endColumn: 13, message: 'EXPOSE port 80800 is outside 0–65535.' }],
      output: null,
    },
    { name: 'hexadecimal', code: 'FROM alpine:3.20\nEXPOSE 0x50', errors: [{ line: 2, column: 8, endColumn: 12, message: 'EXPOSE `0x50` is not a decimal port number.' }] },
    {
      name: 'an unknown protocol',
      code: 'FROM alpine:3.20\nEXPOSE 8080/http',
      errors: [{ line: 2, column: 8, endColumn: 17, message: 'EXPOSE `/http` is not a protocol EXPOSE accepts (tcp, udp or sctp).' }],
    },
    { name: 'a reversed range', code: 'FROM alpine:3.20\nEXPOSE 90-80', errors: [{ line: 2, column: 8, message: 'EXPOSE the port range `90-80` ends before it starts.' }] },
    { name: 'a range past the limit', code: 'FROM alpine:3.20\nEXPOSE 65000-65536', errors: [{ line: 2, column: 8, message: 'EXPOSE port 65536 (in `65000-65536`) is outside 0–65535.' }] },
    { name: 'a protocol without a port', code: 'FROM alpine:3.20\nEXPOSE /tcp', errors: [{ line: 2, column: 8, message: /has no port number/ }] },
    {
      name: 'from an ARG default',
      code: 'FROM alpine:3.20\nARG PORT=99999\nEXPOSE $PORT',
      errors: [{ line: 3, column: 8, endColumn: 13, message: 'EXPOSE port 99999 is outside 0–65535 (`$PORT` is `99999`).' }],
    },
    { name: 'one of several ports from an ENV', code: 'FROM alpine:3.20\nENV PORTS="80 80a"\nEXPOSE $PORTS', errors: [{ line: 3, column: 8, message: /`80a` is not a decimal port number/ }] },
    { name: 'two bad ports on one line', code: 'FROM alpine:3.20\nEXPOSE 80 -1 70000', errors: [{ line: 2, column: 11 }, { line: 2, column: 14 }] },
    { name: 'line continuation with a comment line', code: 'FROM alpine:3.20\nEXPOSE 80 \\\n# admin\n  8o8o', errors: [{ line: 4, column: 3, endColumn: 7 }] },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20\nEXPOSE 80 `\n  123456', errors: [{ line: 4, column: 3 }] },
    { name: 'CRLF line endings', code: 'FROM alpine:3.20\r\nEXPOSE 8080/htp\r\n', errors: [{ line: 2, column: 8, endColumn: 16 }] },
    { name: 'a bad host port', code: 'FROM alpine:3.20\nEXPOSE 99999:80', errors: [{ line: 2, column: 8, message: /port 99999 is outside/ }] },
  ],
});
