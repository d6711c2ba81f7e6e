import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import rule from '../../server/core/rules/dockerfile/hardcoded-secret';
import { findingsFor, ruleTester } from '../helpers/rule-tester';
import type { InvalidCase } from '../helpers/rule-tester';
import { FAKE, at, privateKey } from '../helpers/fake-secrets';

const key = privateKey('RSA');
const heredocKey = `FROM alpine:3.20\nCOPY <<EOF /root/.ssh/id_rsa\n${key}\nEOF\nRUN chmod 600 /root/.ssh/id_rsa`;
const awsEnv = `FROM amazon/aws-cli:2.17.0\nENV AWS_ACCESS_KEY_ID=${FAKE.awsKeyId}`;
const ghRun = `FROM alpine:3.20\nRUN wget -q --header "Authorization: token ${FAKE.githubClassic}" https://api.github.com/repos/acme/app/tarball`;
const ghPat = `FROM alpine:3.20\nRUN git clone https://${FAKE.githubFineGrained}@github.com/acme/app.git`;
const gitlab = `FROM alpine:3.20\nARG CI_TOKEN=${FAKE.gitlab}`;
const slackComment = `FROM alpine:3.20\n# notify with ${FAKE.slackToken}\nRUN echo ok`;
const webhook = `FROM curlimages/curl:8.8.0\nRUN curl -X POST -d '{"text":"built"}' ${FAKE.slackWebhook}`;
const npmrc = `FROM node:20\nRUN echo "//registry.npmjs.org/:_authToken=${FAKE.npm}" > .npmrc && npm ci`;
const pypi = `FROM python:3.12\nRUN <<EOF\nset -e\ntwine upload -u __token__ -p ${FAKE.pypi} dist/*\nEOF`;
const jwt = `FROM alpine:3.20\nLABEL demo.session="${FAKE.jwt}"`;
const urlPassword = 'FROM alpine:3.20\nRUN git clone https://deploy:Zq7mK2pX9wLr@git.example.com/app.git';
const mysql = `FROM mysql:8\nRUN mysql -uroot -p${FAKE.password} -e "CREATE DATABASE app"`;
const dockerLogin = `FROM docker:27\nRUN docker login -u ci -p ${FAKE.password} registry.example.com`;
const curlUser = `FROM alpine:3.20\nRUN ["curl", "-u", "admin:${FAKE.password}", "https://nexus.example.com/repo"]`;
const legacyEnv = `FROM alpine:3.20\nENV LICENSE_KEY ${FAKE.apiKey}`;
const google = `FROM alpine:3.20\nRUN echo 'export GOOGLE_API_KEY="${FAKE.google}"' >> /etc/profile`;
const escaped = `# escape=\`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a \`\n  && set API_TOKEN=${FAKE.apiKey} && echo ${FAKE.awsKeyId}`;
const continued = `FROM alpine:3.20\nRUN echo a \\\n# ${FAKE.githubClassic}\n  && echo b`;
const sshpass = `FROM alpine:3.20\nRUN sshpass -p ${FAKE.password} scp app.tgz deploy@host:/srv/`;
const bearer = `FROM alpine:3.20\nRUN curl -fsSL -H "Authorization: Bearer ${FAKE.apiKey}" https://api.example.com/artifact -o a.tgz`;
const mongo = `FROM mongo:7\nRUN mongosh --quiet -u admin -p ${FAKE.password} --eval "db.version()"`;
const genericFlag = `FROM alpine:3.20\nRUN ./deploy --api-token=${FAKE.apiKey} --region eu-west-1`;

const invalid: InvalidCase[] = [
  {
    name: 'private key in a COPY heredoc (whole block)',
    code: heredocKey,
    errors: [{ line: 3, column: 1, endLine: 7, endColumn: 30, message: 'Hardcoded RSA private key: rotate it and pass it as a build secret or at runtime instead.' }],
  },
  { name: 'AWS access key id in ENV', code: awsEnv, errors: [{ ...at(awsEnv, FAKE.awsKeyId), message: /^Hardcoded AWS access key ID \(`AKIA…`\)/ }] },
  { name: 'GitHub token in a RUN header', code: ghRun, errors: [{ ...at(ghRun, FAKE.githubClassic), message: /GitHub token \(`ghp_…`\)/ }] },
  { name: 'GitHub fine-grained token in a URL', code: ghPat, errors: [{ ...at(ghPat, FAKE.githubFineGrained), message: /GitHub token/ }] },
  { name: 'GitLab token as an ARG default', code: gitlab, errors: [{ ...at(gitlab, FAKE.gitlab), message: /GitLab token/ }] },
  { name: 'Slack token in a comment', code: slackComment, errors: [{ ...at(slackComment, FAKE.slackToken), message: /Slack token/ }] },
  { name: 'Slack webhook URL', code: webhook, errors: [{ ...at(webhook, FAKE.slackWebhook), message: /Slack webhook URL/ }] },
  { name: 'npm token written to .npmrc', code: npmrc, errors: [{ ...at(npmrc, FAKE.npm), message: /npm access token \(`npm_…`\)/ }] },
  { name: 'PyPI token in a RUN heredoc', code: pypi, errors: [{ ...at(pypi, FAKE.pypi), message: /PyPI API token/ }] },
  { name: 'JWT in a LABEL', code: jwt, errors: [{ ...at(jwt, FAKE.jwt), message: /JSON Web Token/ }] },
  { name: 'password in a URL', code: urlPassword, errors: [{ ...at(urlPassword, 'Zq7mK2pX9wLr'), message: /password in a URL \(`Zq…`\)/ }] },
  { name: 'mysql -pSECRET', code: mysql, errors: [{ ...at(mysql, FAKE.password), message: /password passed to `mysql -p`/ }] },
  { name: 'docker login -p', code: dockerLogin, errors: [{ ...at(dockerLogin, FAKE.password), message: /password passed to `docker login`/ }] },
  { name: 'curl -u user:password in exec form', code: curlUser, errors: [{ ...at(curlUser, FAKE.password), message: /`curl -u`/ }] },
  { name: 'legacy ENV form with a high-entropy value', code: legacyEnv, errors: [{ ...at(legacyEnv, FAKE.apiKey), message: /value of ENV `LICENSE_KEY`/ }] },
  { name: 'Google API key in an echo', code: google, errors: [{ ...at(google, FAKE.google), message: /Google API key/ }] },
  {
    name: 'escape directive: Windows set and an AWS key',
    code: escaped,
    errors: [{ ...at(escaped, FAKE.apiKey), message: /API_TOKEN/ }, { ...at(escaped, FAKE.awsKeyId) }],
  },
  { name: 'comment line inside a continuation', code: continued, errors: [{ ...at(continued, FAKE.githubClassic) }] },
  { name: 'sshpass -p', code: sshpass, errors: [{ ...at(sshpass, FAKE.password), message: /sshpass/ }] },
  { name: 'mongosh -p', code: mongo, errors: [{ ...at(mongo, FAKE.password), message: /password passed to `mongosh -p`/ }] },
  { name: 'bearer token in a curl header', code: bearer, errors: [{ ...at(bearer, FAKE.apiKey), message: /credential in an Authorization header/ }] },
  { name: 'secret-named option of any tool', code: genericFlag, errors: [{ ...at(genericFlag, FAKE.apiKey), message: /value of `--api-token`/ }] },
];

ruleTester(rule, {
  valid: [
    { name: 'GPG fingerprints', code: 'FROM python:3.12\nENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305\nENV GPG_KEYS B42F6819007F00F88E364FD4036A9C25BF357DD4' },
    {
      name: 'checksums',
      code: 'FROM python:3.12\nENV PYTHON_GET_PIP_SHA256=45a2bb8bf2bb5eff16fdd00faef6f29731831c7c59bd9fc2bf1f3bed511ff1fe\nRUN echo "45a2bb8bf2bb5eff16fdd00faef6f29731831c7c59bd9fc2bf1f3bed511ff1fe *get-pip.py" | sha256sum -c -',
    },
    { name: 'digest-pinned image', code: 'FROM node:20@sha256:45a2bb8bf2bb5eff16fdd00faef6f29731831c7c59bd9fc2bf1f3bed511ff1fe' },
    { name: 'URL password from a variable', code: 'FROM alpine:3.20\nARG TOKEN\nRUN git clone https://oauth2:${TOKEN}@gitlab.com/acme/app.git && git clone https://u:$TOKEN@example.com/x.git' },
    { name: 'placeholders', code: 'FROM alpine:3.20\nENV API_KEY=changeme SECRET_KEY=<your-secret-key> AUTH_TOKEN=xxxxxxxxxxxx\nRUN mysql -p*** && curl -u admin:changeme https://x' },
    { name: 'AWS documentation example key', code: 'FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE' },
    { name: 'ARG without a value is secret-in-arg-env\'s business', code: 'FROM alpine:3.20\nARG GITHUB_TOKEN\nARG NPM_TOKEN=' },
    { name: 'password prompts and stdin', code: 'FROM docker:27\nRUN mysql -u root -p mydb < dump.sql && echo "$PW" | docker login -u ci --password-stdin r.example.com && curl -u admin https://x' },
    { name: 'a private key header without key material', code: 'FROM alpine:3.20\nRUN grep -q -- "-----BEGIN RSA PRIVATE KEY-----" /keys/id_rsa || exit 1' },
    { name: 'low-entropy default password (secret-in-arg-env reports the key)', code: 'FROM postgres:16\nENV POSTGRES_PASSWORD=mysecretpassword' },
    { name: 'secret mount', code: 'FROM node:20\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci' },
    { name: 'passwd lines and paths', code: 'FROM alpine:3.20\n#   /etc/passwd:22:postgres:x:70:70::/var/lib/postgresql:/bin/sh\nENV SECRET_KEY_FILE=/run/secrets/django_key_2024' },
  ],
  invalid,
});

describe('hardcoded-secret messages', () => {
  it('never contain the secret, at most its first 4 characters', () => {
    for (const c of invalid) {
      for (const f of findingsFor(rule, c)) {
        const lines = c.code.split('\n');
        const secret = lines.slice(f.range.start.line, f.range.end.line + 1).join('\n').slice(f.range.start.character);
        const value = f.range.start.line === f.range.end.line ? secret.slice(0, f.range.end.character - f.range.start.character) : secret;
        assert.ok(!f.message.includes(value), `${c.name}: message contains the secret: ${f.message}`);
        for (let n = 5; n <= value.length; n++) assert.ok(!f.message.includes(value.slice(0, n)), `${c.name}: message shows ${n} characters`);
      }
    }
  });
});
