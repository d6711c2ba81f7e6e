import type { ComposeRule } from '../rule';
import { cis } from '../rule';

const rule: ComposeRule = {
  meta: {
    id: 'compose-default-network',
    title: 'Services on the default network',
    severity: 'info',
    category: 'security',
    kind: 'compose',
    description:
      'Reports each service of a file that declares no network at all (no top-level `networks:` and no service `networks:`), at the service name, when at least two services share it. Services with a `network_mode` are not counted.',
    rationale:
      'On the single default network every service can reach every other one on every port: a compromised frontend talks straight to the database. Separate networks (a frontend and an internal backend one) limit what a breach reaches.',
    howToFix:
      'Declare networks at the top level (e.g. `frontend` and `backend` with `internal: true`) and attach each service only to the networks it needs with `networks:`.',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    networks: [frontend, backend]\n  db:\n    image: postgres:16\n    networks: [backend]\nnetworks:\n  frontend: {}\n  backend:\n    internal: true\n',
    },
    aliases: ['KICS Networks Not Set', 'CIS 5.30'],
    references: [
      cis('5.30', 'Ensure that Docker\'s default bridge "docker0" is not used'),
      { title: 'Compose docs: networking in Compose', url: 'https://docs.docker.com/compose/how-tos/networking/' },
    ],
  },
  check(ctx) {
    const model = ctx.model;
    if (model.topAll('networks').length > 0) return;
    if (model.services.some((s) => s.has('networks'))) return;
    const onDefault = model.services.filter((s) => !s.has('network_mode'));
    // One service alone has no neighbour to reach.
    if (onDefault.length < 2) return;
    for (const service of onDefault) {
      ctx.report(service.keyRange, `Service \`${service.name}\` uses the default network, shared by every service of the file.`);
    }
  },
};

export default rule;
