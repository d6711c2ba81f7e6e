import rule from '../../server/core/rules/dockerfile/copy-sensitive-file';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'env templates', code: 'FROM node:20\nCOPY .env.example .env.sample .env.template /app/' },
    { name: 'public SSH key', code: 'FROM alpine:3.20\nCOPY id_rsa.pub /root/.ssh/authorized_keys' },
    { name: 'the destination is not checked', code: 'FROM node:20\nCOPY config/prod.env /app/.env' },
    { name: 'certificates and signing keys', code: 'FROM nginx:1.27\nCOPY cert.pem fullchain.pem ca.pem /etc/nginx/certs/\nCOPY nginx_signing.key /tmp/' },
    {
      name: 'COPY --from copies between stages (reported where the file entered the build)',
      code: 'FROM alpine:3.20 AS build\nRUN ssh-keygen -t ed25519 -f /root/.ssh/id_ed25519 -N ""\nFROM alpine:3.20\nCOPY --from=build /root/.ssh/id_ed25519.pub /keys/',
    },
    { name: 'heredoc body is not a file name', code: 'FROM alpine:3.20\nCOPY <<EOF /app/notes.txt\nnever copy .env or id_rsa\nEOF' },
    { name: 'ADD heredoc body is not a file name', code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\n.npmrc id_rsa\nEOF' },
    { name: 'ONBUILD COPY --from', code: 'FROM alpine:3.20\nONBUILD COPY --from=build /root/.ssh /root/.ssh' },
    { name: 'remote source', code: 'FROM alpine:3.20\nADD https://example.com/keys/server.key /tmp/' },
    { name: 'whole context', code: 'FROM node:20\nCOPY . /app' },
    { name: 'unknown ARG value is not guessed', code: 'FROM alpine:3.20\nARG CONFIG\nCOPY ${CONFIG} /etc/app/' },
    { name: 'a .docker folder of configs', code: 'FROM php:8.3-fpm\nCOPY .docker/php.ini /usr/local/etc/php/' },
  ],
  invalid: [
    {
      name: '.env',
      code: 'FROM node:20\nCOPY .env /app/',
      errors: [{ line: 2, column: 6, endColumn: 10, message: 'COPY of `.env`, a `.env` file, puts it in an image layer where anyone with the image can read it.' }],
    },
    { name: 'one source of several', code: 'FROM node:20\nCOPY package.json .npmrc ./', errors: [{ line: 2, column: 19, endColumn: 25, message: /npm credentials/ }] },
    { name: 'exec form', code: 'FROM alpine:3.20\nCOPY ["id_rsa", "/root/.ssh/"]', errors: [{ line: 2, column: 8, endColumn: 14, message: /SSH private key/ }] },
    { name: 'ADD of the AWS folder', code: 'FROM alpine:3.20\nADD .aws /root/.aws', errors: [{ line: 2, column: 5, endColumn: 9, message: /^ADD of `\.aws`/ }] },
    { name: 'SSH folder with trailing slash', code: 'FROM alpine:3.20\nCOPY .ssh/ /root/.ssh/', errors: [{ line: 2, column: 6, endColumn: 11 }] },
    {
      name: 'source from an ARG',
      code: 'FROM nginx:1.27\nARG KEY_FILE=server.key\nCOPY ${KEY_FILE} /etc/nginx/',
      errors: [{ line: 3, column: 6, endColumn: 17, message: /`\$\{KEY_FILE\}` \(`server\.key`\), a private key file/ }],
    },
    { name: '.env.production and globs', code: 'FROM node:20\nCOPY .env.production *.pem /app/', errors: [{ line: 2, column: 6 }, { line: 2, column: 22, endColumn: 27 }] },
    {
      name: 'comment line inside a continuation',
      code: 'FROM alpine:3.20\nCOPY a.txt \\\n# credentials\n  .git-credentials /root/',
      errors: [{ line: 4, column: 3, endColumn: 19 }],
    },
    { name: 'escape directive', code: '# escape=`\nFROM alpine:3.20\nCOPY a.txt `\n  .netrc /root/', errors: [{ line: 4, column: 3, endColumn: 9 }] },
    { name: 'flags before the sources', code: 'FROM alpine:3.20\nCOPY --chown=app:app --chmod=600 id_ed25519 /home/app/.ssh/', errors: [{ line: 2, column: 34, endColumn: 44 }] },
    { name: 'paths inside folders', code: 'FROM alpine:3.20\nCOPY home/.docker/config.json config/credentials.json /x/', errors: [{ line: 2, column: 6 }, { line: 2, column: 31 }] },
    { name: 'key stores', code: 'FROM eclipse-temurin:21\nCOPY certs/keystore.p12 /app/', errors: [{ line: 2, column: 6, message: /PKCS#12/ }] },
    { name: 'heredoc plus a file source', code: 'FROM alpine:3.20\nCOPY <<EOF .env /app/\nA=1\nEOF', errors: [{ line: 2, column: 12, endColumn: 16 }] },
    {
      name: 'multi-stage: build stage too',
      code: 'FROM node:20 AS build\nCOPY .npmrc ./\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /app /app',
      errors: [{ line: 2, column: 6, endColumn: 12 }],
    },
    { name: 'ONBUILD COPY', code: 'FROM node:20\nONBUILD COPY .npmrc ./', errors: [{ line: 2, column: 14, endColumn: 20, message: /^ONBUILD COPY of `\.npmrc`/ }] },
  ],
});
