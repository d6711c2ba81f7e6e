import rule from '../../server/core/rules/compose/compose-untrusted-registry';
import { ruleTester } from '../helpers/rule-tester';

const trusted = (...trustedRegistries: string[]) => ({ trustedRegistries });
const corp = trusted('docker.io', '*.gcr.io', 'registry.corp:5000', 'harbor.corp/team/*');
const svc = (image: string) => `services:\n  app:\n    image: ${image}\n`;

ruleTester(rule, {
  valid: [
    { name: 'not configured: silent', code: svc('quay.io/evil/tool:1') },
    { name: 'official image without a registry is docker.io/library', code: svc('postgres:16'), options: corp },
    { name: 'Docker Hub aliases', code: 'services:\n  a:\n    image: index.docker.io/library/redis:7\n  b:\n    image: registry-1.docker.io/bitnami/redis:7\n  c:\n    image: docker.io/nginx:1.27\n', options: corp },
    { name: 'an alias as the pattern allows Docker Hub', code: svc('node:24'), options: trusted('index.docker.io') },
    { name: 'host glob', code: svc('eu.gcr.io/project/app:1'), options: corp },
    { name: 'host with port', code: svc('registry.corp:5000/app:1'), options: corp },
    { name: 'Harbor project', code: svc('harbor.corp/team/api/server:2'), options: corp },
    { name: 'build exempt (the image is the push target)', code: 'services:\n  app:\n    build: .\n    image: ghcr.io/me/app:1\n', options: corp },
    { name: 'unknown variable', code: svc('${REGISTRY}/app:1'), options: corp },
    { name: 'default from a trusted registry', code: svc('${APP_IMAGE:-registry.corp:5000/app:1}'), options: corp },
  ],
  invalid: [
    {
      code: svc('quay.io/someone/tool:1.4'),
      options: corp,
      errors: [{ line: 3, column: 12, endColumn: 36, message: 'Image `quay.io/someone/tool:1.4` of service `app` comes from `quay.io`, which trustedRegistries does not allow (`docker.io`, `*.gcr.io`, `registry.corp:5000`, `harbor.corp/team/*`).' }],
      output: null,
    },
    { name: 'Docker Hub when only a private registry is trusted', code: svc('redis:7'), options: trusted('registry.corp:5000'), errors: [{ line: 3, column: 12, message: /`redis:7` of service `app` comes from Docker Hub \(`docker\.io`\)/ }] },
    { name: 'another port', code: svc('registry.corp:5001/app:1'), options: corp, errors: [{ line: 3, column: 12 }] },
    { name: 'another Harbor project', code: 'services:\n  a:\n    image: harbor.corp/other/app:1\n  b:\n    image: harbor.corp/teamx/app:1\n', options: corp, errors: [{ line: 3, column: 12 }, { line: 5, column: 12 }] },
    { name: 'a glob does not match the bare domain', code: svc('gcr.io/distroless/static'), options: trusted('*.gcr.io'), errors: [{ line: 3, column: 12 }] },
    { name: 'user image when only official images are trusted', code: svc('bitnami/redis:7'), options: trusted('docker.io/library/*'), errors: [{ line: 3, column: 12, message: /`bitnami\/redis:7`/ }] },
    { name: 'interpolated default', code: svc('${APP_IMAGE:-ghcr.io/org/app:1}'), options: corp, errors: [{ line: 3, column: 12, message: /`\$\{APP_IMAGE:-ghcr\.io\/org\/app:1\}` \(`ghcr\.io\/org\/app:1`\) of service `app` comes from `ghcr\.io`/ }] },
  ],
});
