import type { ComposeRule } from '../rule';

const rule: ComposeRule = {
  meta: {
    id: 'compose-duplicate-container-name',
    title: 'Container name used twice',
    severity: 'error',
    category: 'correctness',
    kind: 'compose',
    description: 'Reports a `container_name` that an earlier service of the file already uses, at the later one.',
    rationale:
      'Container names are unique per Docker host: the second service fails to start with "the container name is already in use", and a service with `container_name` cannot be scaled either.',
    howToFix: 'Give each service its own `container_name`, or remove the key and let Compose name the containers (`<project>-<service>-<n>`).',
    example: {
      bad: 'services:\n  web:\n    image: nginx:1.27\n    container_name: app\n  worker:\n    image: nginx:1.27\n    container_name: app\n',
      good: 'services:\n  web:\n    image: nginx:1.27\n    container_name: app-web\n  worker:\n    image: nginx:1.27\n    container_name: app-worker\n',
    },
    aliases: ['dclint no-duplicate-container-names'],
    references: [{ title: 'Compose file reference: container_name', url: 'https://docs.docker.com/reference/compose-file/services/#container_name' }],
  },
  check(ctx) {
    const seen = new Map<string, string>();
    for (const service of ctx.model.services) {
      const entry = service.get('container_name');
      const name = entry?.text;
      if (!entry || !name) continue;
      const first = seen.get(name);
      if (first !== undefined) {
        ctx.report(entry.valueRange ?? entry.keyRange, `Service \`${service.name}\` uses container name \`${name}\`, already used by service \`${first}\`.`);
      } else seen.set(name, service.name);
    }
  },
};

export default rule;
