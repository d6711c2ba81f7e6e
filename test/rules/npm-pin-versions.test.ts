import rule from '../../server/core/rules/dockerfile/npm-pin-versions';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:20\nRUN npm install -g typescript@5.4.5 @angular/cli@17.3.8',
    { name: 'local installs follow the lockfile', code: 'FROM node:20\nCOPY package*.json ./\nRUN npm ci && npm install express' },
    { name: 'a caret range', code: 'FROM node:20\nRUN npm i -g yarn@^1.22.22' },
    { name: 'a repository at a commit', code: 'FROM node:20\nRUN npm install -g github:user/tool#0123abcd' },
    { name: 'folders and tarballs', code: 'FROM node:20\nCOPY tool /tool\nRUN npm install -g /tool ./pkg.tgz' },
    { name: 'ARG-substituted version', code: 'FROM node:20\nARG PNPM_VERSION=9.1.0\nRUN npm install -g pnpm@${PNPM_VERSION}' },
    { name: 'a version from an ARG without default', code: 'FROM node:20\nARG PNPM_VERSION\nRUN npm install -g pnpm@$PNPM_VERSION' },
    { name: 'yarn global add with a version', code: 'FROM node:20\nRUN yarn global add pm2@5.3.1' },
    { name: 'other global commands', code: 'FROM node:20\nRUN npm config set --global fund false && npm uninstall -g yarn' },
    { name: 'option values are not packages', code: 'FROM node:20\nRUN npm install -g --prefix /opt/npm corepack@0.28.0' },
  ],
  invalid: [
    {
      code: 'FROM node:20\nRUN npm install -g typescript',
      errors: [{ line: 2, column: 20, endColumn: 30, message: '`npm install -g` installs `typescript` without a pinned version: write `typescript@<version>`.' }],
      output: null,
    },
    {
      name: 'the latest tag',
      code: 'FROM node:20\nRUN npm i -g npm@latest',
      errors: [{ line: 2, column: 14, message: /^`npm i -g` installs `npm@latest` without a pinned version \(`latest` is a dist-tag/ }],
    },
    {
      name: '--global and a scoped package',
      code: 'FROM node:20\nRUN npm install --global @angular/cli',
      errors: [{ line: 2, column: 26, message: /`@angular\/cli@<version>`/ }],
    },
    {
      name: 'yarn global add',
      code: 'FROM node:20\nRUN yarn global add pm2',
      errors: [{ line: 2, column: 21, message: /^`yarn global add` installs `pm2`/ }],
    },
    {
      name: 'pnpm add -g with a tag',
      code: 'FROM node:20\nRUN pnpm add -g pnpm@next',
      errors: [{ line: 2, column: 17, message: /dist-tag/ }],
    },
    {
      name: 'a wildcard',
      code: 'FROM node:20\nRUN npm install -g "serve@*"',
      errors: [{ line: 2, column: 20, message: /matches any version/ }],
    },
    {
      name: 'a repository without a commit',
      code: 'FROM node:20\nRUN npm install -g github:user/tool',
      errors: [{ line: 2, column: 20, message: /add `#<commit>`/ }],
    },
    {
      name: 'ENV-substituted list',
      code: 'FROM node:20\nENV TOOLS="typescript@5.4.5 nodemon"\nRUN npm install -g $TOOLS',
      errors: [{ line: 3, column: 20, endColumn: 26, message: /`nodemon`/ }],
    },
    {
      name: 'heredoc in a build stage',
      code: 'FROM node:20 AS build\nRUN <<EOF\nnpm install -g \\\n  esbuild\nEOF\nFROM node:20-slim\nCOPY --from=build /usr/local/bin/esbuild /usr/local/bin/',
      errors: [{ line: 4, column: 3, endColumn: 10 }],
    },
    {
      name: 'escape directive and a comment line',
      code: '# escape=`\nFROM node:20\nRUN npm install -g `\n# compiler\n  typescript',
      errors: [{ line: 5, column: 3 }],
    },
    {
      name: '-g before the subcommand',
      code: 'FROM node:20\nRUN npm -g install yarn',
      errors: [{ line: 2, column: 20 }],
    },
    {
      name: 'exec form',
      code: 'FROM node:20\nRUN ["npm", "install", "-g", "yarn"]',
      errors: [{ line: 2, column: 31, endColumn: 35 }],
    },
  ],
});
