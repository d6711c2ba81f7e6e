/** Each secret kind the rules detect, with a Dockerfile and a Compose file holding it where a rule looks (shared by the secret output tests). */
import { FAKE, privateKey } from './fake-secrets';

export const CASES: { kind: string; value: string; dockerfile: string; compose: string }[] = [
  ...(['awsKeyId', 'githubClassic', 'githubFineGrained', 'gitlab', 'slackToken', 'slackWebhook', 'npm', 'pypi', 'jwt', 'google', 'apiKey', 'password'] as const).map((k) => ({
    kind: k,
    value: FAKE[k],
    dockerfile: `FROM alpine:3.20\nENV API_TOKEN=${FAKE[k]}\nARG DB_PASSWORD=${FAKE[k]}\nRUN curl -H "Authorization: Bearer ${FAKE[k]}" https://example.com/x\nUSER app\n`,
    compose: `services:\n  web:\n    image: nginx:1.27\n    environment:\n      API_TOKEN: ${FAKE[k]}\n      - DB_PASSWORD=${FAKE[k]}\n`.replace('      - DB_PASSWORD', '      DB_PASSWORD').replace(`DB_PASSWORD=${FAKE[k]}`, `DB_PASSWORD: "${FAKE[k]}"`),
  })),
  {
    kind: 'privateKey',
    value: FAKE.privateKeyBody[0],
    dockerfile: `FROM alpine:3.20\nRUN printf '%s' "${privateKey('RSA', '\\n')}" > /root/.ssh/id_rsa\nUSER app\n`,
    compose: `services:\n  web:\n    image: nginx:1.27\n    environment:\n      SSH_KEY: "${privateKey('RSA', '\\n')}"\n`,
  },
  {
    kind: 'url-password',
    value: 'Zq7' + FAKE.password.slice(3),
    dockerfile: `FROM alpine:3.20\nRUN git clone https://deploy:${'Zq7' + FAKE.password.slice(3)}@git.example.com/app.git\nUSER app\n`,
    compose: `services:\n  web:\n    image: nginx:1.27\n    environment:\n      DATABASE_URL: postgres://app:${'Zq7' + FAKE.password.slice(3)}@db/app\n`,
  },
];
