import rule from '../../server/core/rules/dockerfile/tls-verification-disabled';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSL https://example.com/a -o /tmp/a',
    { name: '-o takes the rest of the cluster as its value: -fsSLo / -okey are not -k', code: 'FROM debian:12\nRUN curl -fsSLo kubectl https://example.com/kubectl && curl -okey https://x/y' },
    { name: 'wget -k is --convert-links', code: 'FROM debian:12\nRUN wget -k -r https://example.com/site' },
    { name: 'values that keep verification on, empty PIP_TRUSTED_HOST', code: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=1 NPM_CONFIG_STRICT_SSL=true PIP_TRUSTED_HOST=' },
    { name: 'ARG without a default: value unknown', code: 'FROM node:20\nARG NODE_TLS_REJECT_UNAUTHORIZED\nARG GIT_SSL_NO_VERIFY' },
    { name: 'sed turning verification back on, grep reading the setting', code: 'FROM centos:7\nRUN sed -i "s/sslverify=0/sslverify=1/" /etc/yum.conf && grep -q "sslverify=0" /etc/yum.conf || true' },
    { name: 'comment line inside a continuation', code: 'FROM centos:7\nRUN echo "sslverify=1" >> /etc/yum.conf \\\n# sslverify=0 was needed once\n && yum install -y x' },
    { name: 'git with a CA instead', code: 'FROM alpine:3.20\nRUN git config --global http.sslVerify true && git config --global http.sslCAInfo /etc/ssl/certs/ca.pem' },
    { name: 'pip with a CA bundle', code: 'FROM python:3.12\nRUN pip install --cert /etc/ssl/corp.pem x' },
    { name: 'apk --allow-untrusted is unsigned-packages, not this rule', code: 'FROM alpine:3.20\nRUN apk add --allow-untrusted x' },
    { name: 'openssl s_client is not a download', code: 'FROM debian:12\nRUN openssl s_client -connect example.com:443 </dev/null' },
    { name: 'CURL_CA_BUNDLE="" is not judged (client-dependent)', code: 'FROM node:20\nENV CURL_CA_BUNDLE=""' },
  ],
  invalid: [
    {
      name: 'fix: -k inside a cluster loses only its letter',
      code: 'FROM alpine:3.20\nRUN curl -fsSLk https://example.com/x -o /x',
      errors: [{ line: 2, column: 10 }],
      output: 'FROM alpine:3.20\nRUN curl -fsSL https://example.com/x -o /x',
      fixTitles: ['Remove `-k`'],
    },
    {
      name: 'fix: --insecure alone on the last continuation line',
      code: 'FROM alpine:3.20\r\nRUN curl -fsSL https://example.com/x -o /x \\\r\n    --insecure\r\nUSER 1000\r\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM alpine:3.20\r\nRUN curl -fsSL https://example.com/x -o /x\r\nUSER 1000\r\n',
    },
    {
      name: 'fix: an ENV with one key goes; a key among several is cut out',
      code: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nENV A=1 PYTHONHTTPSVERIFY=0 B=2\n',
      errors: [{ line: 2, column: 5 }, { line: 3, column: 9 }],
      output: 'FROM node:20\nENV A=1 PYTHONHTTPSVERIFY=0 B=2\n',
      fixTitles: ['Remove the ENV of `NODE_TLS_REJECT_UNAUTHORIZED`'],
    },
    {
      name: 'fix: pip --trusted-host with its value',
      code: 'FROM python:3.12\nRUN pip install --trusted-host pypi.example.com flask==3.0.0',
      errors: [{ line: 2, column: 17 }],
      output: 'FROM python:3.12\nRUN pip install flask==3.0.0',
    },
    {
      name: '-k inside a cluster',
      code: 'FROM debian:12\nRUN curl -fsSLk https://example.com/a.tgz -o /tmp/a.tgz',
      errors: [{ line: 2, column: 10, endColumn: 16, message: /`curl -k` \(in `-fsSLk`\)/ }],
    },
    {
      name: 'curl --insecure and wget --no-check-certificate on a continuation line',
      code: 'FROM debian:12\nRUN curl --insecure -o /tmp/a https://example.com/a \\\n && wget --no-check-certificate https://example.com/b',
      errors: [
        { line: 2, column: 10, endColumn: 20, message: /curl --insecure/ },
        { line: 3, column: 10, endColumn: 32, message: /wget --no-check-certificate/ },
      ],
    },
    {
      name: 'git -c http.sslVerify=false and git config http.sslverify false',
      code: 'FROM alpine:3.20\nRUN git -c http.sslVerify=false clone https://git.example.com/r.git \\\n && git config --global http.sslverify false',
      errors: [
        { line: 2, column: 12, endColumn: 32, message: /git -c http\.sslVerify=false/ },
        { line: 3, column: 25, endColumn: 39, message: /git config http\.sslverify false/ },
      ],
    },
    {
      name: 'pip --trusted-host and python -m pip --trusted-host=',
      code: 'FROM python:3.12\nRUN pip install --trusted-host pypi.example.com --index-url http://pypi.example.com/simple x \\\n && python3 -m pip install --trusted-host=files.example.com y',
      errors: [
        { line: 2, column: 17, endColumn: 31 },
        { line: 3, column: 28, endColumn: 42 },
      ],
    },
    {
      name: 'npm and yarn strict-ssl false',
      code: 'FROM node:20\nRUN npm config set strict-ssl false && yarn config set strict-ssl false',
      errors: [
        { line: 2, column: 20, endColumn: 30, message: /npm/ },
        { line: 2, column: 56, endColumn: 66, message: /yarn/ },
      ],
    },
    {
      name: 'sslverify written to yum.conf and passed with --setopt',
      code: 'FROM centos:7\nRUN echo "sslverify=0" >> /etc/yum.conf && dnf --setopt=sslverify=False install -y x',
      errors: [
        { line: 2, column: 11, endColumn: 22 },
        { line: 2, column: 57, endColumn: 72 },
      ],
    },
    {
      name: 'ENV keys (multi-line ENV; GIT_SSL_NO_VERIFY counts whatever its value)',
      code: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=0 \\\n    PYTHONHTTPSVERIFY=0 \\\n    NPM_CONFIG_STRICT_SSL=false\nENV GIT_SSL_NO_VERIFY=false PIP_TRUSTED_HOST=pypi.example.com',
      errors: [
        { line: 2, column: 5, endColumn: 33 },
        { line: 3, column: 5, endColumn: 22 },
        { line: 4, column: 5, endColumn: 26 },
        { line: 5, column: 5, endColumn: 22, message: /whatever its value/ },
        { line: 5, column: 29, endColumn: 45 },
      ],
    },
    { name: 'ENV value from an ARG', code: 'FROM node:20\nARG TLS=0\nENV NODE_TLS_REJECT_UNAUTHORIZED=${TLS}', errors: [{ line: 3, column: 5, endColumn: 33 }] },
    { name: 'ARG default reaches RUN', code: 'FROM node:20\nARG NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN npm ci', errors: [{ line: 2, column: 5, endColumn: 33, message: /^`ARG NODE_TLS_REJECT_UNAUTHORIZED=0`: Node.js accepts any TLS certificate/ }] },
    {
      name: 'exported or prefixed in RUN',
      code: 'FROM node:20\nRUN export NODE_TLS_REJECT_UNAUTHORIZED=0 && npm ci \\\n && GIT_SSL_NO_VERIFY=1 git clone https://x/r.git',
      errors: [
        { line: 2, column: 12, endColumn: 40 },
        { line: 3, column: 5, endColumn: 22 },
      ],
    },
    {
      name: 'repo file written by a heredoc',
      code: 'FROM fedora:40\nRUN cat > /etc/yum.repos.d/x.repo <<EOF\n[x]\nbaseurl=https://repo.example.com/\nsslverify=0\nEOF',
      errors: [{ line: 5, column: 1, endColumn: 12 }],
    },
    {
      name: 'apt Verify-Peer false',
      code: 'FROM debian:12\nRUN echo \'Acquire::https::Verify-Peer "false";\' > /etc/apt/apt.conf.d/99insecure',
      errors: [{ line: 2, column: 11, endColumn: 46 }],
    },
    { name: 'escape directive', code: '# escape=`\nFROM debian:12\nRUN curl -fsSL `\n    -k https://example.com/x', errors: [{ line: 4, column: 5, endColumn: 7 }] },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["curl", "-k", "https://example.com/x"]', errors: [{ line: 2, column: 15, endColumn: 17 }] },
    {
      name: 'build stage too; kubectl --insecure-skip-tls-verify',
      code: 'FROM debian:12 AS build\nRUN curl -k https://example.com/x\nFROM debian:12\nRUN kubectl --insecure-skip-tls-verify get pods',
      errors: [
        { line: 2, column: 10, endColumn: 12 },
        { line: 4, column: 13, endColumn: 39 },
      ],
    },
  ],
});
