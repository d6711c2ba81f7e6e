import type { DockerfileRule } from '../rule';

// STUB: metadata and check to be written (catches: `curl -k/--insecure`, `wget --no-check-certificate`, `git -c http.sslVerify=false`, pip `--trusted-host`, `npm/yarn config set strict-ssl false`, `sslverify=0`, and ENV `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `NPM_CONFIG_STRICT_SSL=false`, `GIT_SSL_NO_VERIFY`, `PIP_TRUSTED_HOST`)
const rule: DockerfileRule = {
  meta: {
    id: 'tls-verification-disabled',
    title: '',
    severity: 'error',
    category: 'security',
    kind: 'dockerfile',
    description: '',
    rationale: '',
    howToFix: '',
    example: { bad: '', good: '' },
    aliases: ['CKV2_DOCKER_2–6', '12–16'],
    references: [],
  },
  check() {},
};

export default rule;
