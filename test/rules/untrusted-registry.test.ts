import rule from '../../server/core/rules/dockerfile/untrusted-registry';
import { ruleTester } from '../helpers/rule-tester';

const D = 'sha256:4d3c4b1b3bbf4b2b0d1f6c2b8a2f0e6c1b7a9e3d5f0c2a4b6d8e0f1a3c5e7b9d';
const trusted = (...trustedRegistries: string[]) => ({ trustedRegistries });
const corp = trusted('docker.io', '*.gcr.io', 'registry.corp:5000', 'harbor.corp/platform/*');

ruleTester(rule, {
  valid: [
    { name: 'not configured: silent', code: 'FROM quay.io/evil/tool:1' },
    { name: 'empty list: silent', code: 'FROM quay.io/evil/tool:1', options: trusted() },
    { name: 'Docker Hub official image', code: 'FROM node:20\nCMD ["node"]', options: corp },
    { name: 'Docker Hub aliases are docker.io', code: 'FROM index.docker.io/library/node:20\nFROM registry-1.docker.io/bitnami/redis:7\nFROM docker.io/node:20', options: corp },
    { name: 'host glob', code: 'FROM eu.gcr.io/project/app:1\nFROM us-docker.pkg.dev.gcr.io/x:1', options: corp },
    { name: 'host with port', code: `FROM registry.corp:5000/team/app:1.2@${D}`, options: corp },
    { name: 'Harbor project prefix', code: 'FROM harbor.corp/platform/base/debian:12\nFROM harbor.corp/platform/node:20', options: corp },
    { name: 'scratch and stage references', code: 'FROM scratch AS empty\nFROM empty\nRUN true', options: trusted('registry.corp:5000') },
    { name: 'ARG without default is unknown', code: 'ARG BASE\nFROM $BASE', options: trusted('registry.corp:5000') },
    { name: 'ARG default from a trusted registry', code: 'ARG BASE=registry.corp:5000/base:1\nFROM ${BASE} AS build', options: corp },
    { name: 'case-insensitive, scheme and slash ignored', code: 'FROM GHCR.io/org/app:1', options: trusted('https://ghcr.io/') },
    { name: 'port wildcard', code: 'FROM registry.corp:5443/app:1', options: trusted('registry.corp:*') },
    { name: 'official images only', code: 'FROM python:3.12-slim', options: trusted('docker.io/library/*') },
    { name: 'escape directive and continuation', code: '# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022', options: trusted('mcr.microsoft.com') },
    // Docker Hub aliases work on both sides: in the pattern and in the reference.
    { name: 'index.docker.io as the pattern', code: 'FROM node:20\nFROM docker.io/library/node:20\nFROM bitnami/redis:7', options: trusted('index.docker.io') },
    { name: 'registry-1.docker.io official images pattern', code: 'FROM python:3.12\nFROM index.docker.io/library/nginx:1.27', options: trusted('registry-1.docker.io/library/*') },
    { name: 'nested path under a Harbor project', code: 'FROM harbor.corp/platform/base/images/debian:12', options: corp },
    { name: 'localhost registry', code: 'FROM localhost:5000/app:dev', options: trusted('localhost:5000') },
    { name: 'upper-case host in the reference', code: 'FROM Registry.Corp:5000/app:1', options: corp },
  ],
  invalid: [
    {
      code: 'FROM quay.io/someone/tool:1.4\nCOPY app /app',
      options: corp,
      errors: [{ line: 1, column: 6, endColumn: 30, message: /`quay\.io\/someone\/tool:1\.4` comes from `quay\.io`, which trustedRegistries does not allow \(`docker\.io`, `\*\.gcr\.io`, `registry\.corp:5000`, `harbor\.corp\/platform\/\*`\)/ }],
      output: null,
    },
    {
      name: 'Docker Hub when only a private registry is trusted',
      code: 'FROM node:20',
      options: trusted('registry.corp:5000'),
      errors: [{ line: 1, column: 6, endColumn: 13, message: /comes from Docker Hub \(`docker\.io`\)/ }],
    },
    { name: 'a glob does not match the bare domain', code: 'FROM gcr.io/distroless/static', options: trusted('*.gcr.io'), errors: [{ line: 1, column: 6 }] },
    {
      name: 'look-alike hosts are not trusted',
      code: 'FROM docker.io.evil.example/library/node:20\nFROM gcr.io.evil.example/app:1\nFROM evilgcr.io/app:1\nFROM registry.corp:50001/app:1',
      options: corp,
      errors: [{ line: 1, column: 6 }, { line: 2, column: 6 }, { line: 3, column: 6 }, { line: 4, column: 6 }],
    },
    { name: 'the Harbor project name alone is not inside the project', code: 'FROM harbor.corp/platform:1', options: corp, errors: [{ line: 1, column: 6 }] },
    { name: 'an official-images pattern does not allow user images through an alias', code: 'FROM index.docker.io/bitnami/redis:7', options: trusted('registry-1.docker.io/library/*'), errors: [{ line: 1, column: 6, message: /Docker Hub/ }] },
    { name: 'a host without port does not allow another port', code: 'FROM registry.corp:5001/app:1', options: trusted('registry.corp:5000', 'registry.corp'), errors: [{ line: 1, column: 6 }] },
    { name: 'outside the Harbor project', code: 'FROM harbor.corp/other/app:1\nFROM harbor.corp/platformx/app:1', options: corp, errors: [{ line: 1, column: 6 }, { line: 2, column: 6 }] },
    { name: 'Docker Hub user image when only official images are trusted', code: 'FROM bitnami/redis:7', options: trusted('docker.io/library/*'), errors: [{ line: 1, column: 6, message: /`bitnami\/redis:7`/ }] },
    {
      name: 'build stages count; --platform and AS',
      code: 'FROM --platform=$BUILDPLATFORM ghcr.io/org/builder:1 AS build\nRUN make\nFROM node:20\nCOPY --from=build /out /app',
      options: trusted('docker.io'),
      errors: [{ line: 1, column: 32, endColumn: 53, message: /`ghcr\.io\/org\/builder:1` comes from `ghcr\.io`/ }],
    },
    {
      name: 'ARG default',
      code: 'ARG BASE=public.ecr.aws/docker/library/node:20\nFROM ${BASE}',
      options: trusted('docker.io'),
      errors: [{ line: 2, column: 6, endColumn: 13, message: /`\$\{BASE\}` \(`public\.ecr\.aws\/docker\/library\/node:20`\) comes from `public\.ecr\.aws`/ }],
    },
    {
      name: 'escape directive and continuation',
      code: '# escape=`\nFROM `\n  mcr.microsoft.com/windows/nanoserver:ltsc2022',
      options: trusted('docker.io'),
      errors: [{ line: 3, column: 3 }],
    },
    { name: 'CRLF', code: 'FROM quay.io/a/b:1\r\nRUN true\r\n', options: trusted('docker.io'), errors: [{ line: 1, column: 6, endColumn: 19 }] },
    {
      name: 'a long list is shortened',
      code: 'FROM quay.io/a/b:1',
      options: trusted('a.io', 'b.io', 'c.io', 'd.io', 'e.io'),
      errors: [{ line: 1, column: 6, message: /\(`a\.io`, `b\.io`, `c\.io`, `d\.io`, …\)/ }],
    },
  ],
});
