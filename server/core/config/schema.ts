/**
 * The JSON schema of `.bulwark.yaml` (draft-07, the dialect VS Code's JSON and YAML language services complete and
 * validate best), generated from the rule registry so every rule id is completed with its title. The committed copy,
 * schemas/bulwark.schema.json, is written by `node out/scripts/gen-schema.js`; a test fails when it drifts.
 * The same schema validates the files at run time (ajv), so the editor's squiggles and Bulwark's problems agree.
 */
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { allRules } from '../rules';

export const SCHEMA_ID = 'https://github.com/bulwark-security/bulwark/blob/main/schemas/bulwark.schema.json';

const SEVERITIES = ['error', 'warning', 'info', 'off'] as const;
export const FAIL_ON_VALUES = ['error', 'warning', 'info', 'none'] as const;

/** Keys a `.bulwark.yaml` may hold, for "did you mean" suggestions. */
export const CONFIG_KEYS = ['root', 'extends', 'rules', 'allRules', 'trustedRegistries', 'exclude', 'failOn', 'registry', 'overrides'];

const SEVERITY_DESCRIPTION =
  'error, warning or info: report at that severity (turns on a rule that is off by default); off: do not run the rule.';

function rulesSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const rule of allRules) {
    properties[rule.meta.id] = {
      description: `${rule.meta.title} (default: ${rule.meta.severity}).`,
      enum: [...SEVERITIES],
    };
  }
  return {
    type: 'object',
    description:
      'Severity per rule, by Bulwark rule id or by an alias another tool uses for the same check (hadolint DL3008, ' +
      'BuildKit JSONArgsRecommended, Checkov CKV_DOCKER_3, …). ' +
      SEVERITY_DESCRIPTION,
    properties,
    additionalProperties: { description: `A rule alias. ${SEVERITY_DESCRIPTION}`, enum: [...SEVERITIES] },
  };
}

const globList = (description: string) => ({ type: 'array', description, items: { type: 'string', minLength: 1 } });

/** The schema, as an object (deterministic: the same registry gives the same JSON). */
export function buildConfigSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    $comment: 'Generated from the rule registry by scripts/gen-schema.ts; do not edit by hand.',
    title: 'Bulwark configuration',
    description:
      'Configuration of Bulwark, the Dockerfile and Compose security linter (.bulwark.yaml). Files are read from the ' +
      "analyzed file's folder up to the workspace root; the nearest file wins, key by key.",
    type: 'object',
    additionalProperties: false,
    patternProperties: {
      '^x-': { description: 'Extension field, ignored by Bulwark: a place for YAML anchors (`x-base: &base …`).' },
    },
    properties: {
      root: {
        type: 'boolean',
        description: 'Stop here: configuration files in the folders above this one are not read.',
      },
      extends: {
        type: ['string', 'array'],
        description:
          'Configuration files this one builds on, by path relative to this file and inside the workspace (URLs are ' +
          'not fetched). Later entries and this file itself win over earlier ones.',
        items: { type: 'string', minLength: 1 },
      },
      rules: { $ref: '#/definitions/rules' },
      allRules: {
        type: 'boolean',
        description: 'Turn on every rule that is off by default (at warning for security rules, info for the others).',
      },
      trustedRegistries: globList(
        'Registries images may come from, as host names or globs (docker.io, *.gcr.io, registry.corp:5000) or ' +
          'Harbor-style projects (harbor.corp/team/*). When set, untrusted-registry (Dockerfile FROM) and ' +
          'compose-untrusted-registry (Compose image:) report images from anywhere else.',
      ),
      exclude: globList(
        "Files not analyzed: globs relative to this file's folder (dot files included; a folder that matches leaves " +
          'out everything below it), e.g. "vendor/**" or "**/testdata/**".',
      ),
      failOn: {
        enum: [...FAIL_ON_VALUES],
        description:
          'The lowest severity that makes `bulwark lint` exit with status 1 (default: error); none: never fail on findings.',
      },
      registry: {
        type: 'object',
        description: 'Access to container registries (resolving tags to digests for the pin-digest fix).',
        additionalProperties: false,
        properties: {
          enabled: {
            type: 'boolean',
            description: 'Allow registry lookups. Ignored in untrusted workspaces, where lookups stay off.',
          },
        },
      },
      overrides: {
        type: 'array',
        description: 'Rule severities for some files only; later entries win over earlier ones and over `rules`.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: {
              type: ['string', 'array'],
              description: "Globs relative to this file's folder, e.g. \"legacy/**\" or \"**/Dockerfile.dev\".",
              items: { type: 'string', minLength: 1 },
              minItems: 1,
            },
            rules: { $ref: '#/definitions/rules' },
          },
        },
      },
    },
    definitions: { rules: rulesSchema() },
  };
}

let validator: ValidateFunction | undefined;

/** The compiled validator (compiled on first use). */
export function configValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, logger: false });
    validator = ajv.compile(buildConfigSchema());
  }
  return validator;
}

/** The schema file's text, as committed (two-space JSON and a final newline). */
export function configSchemaText(): string {
  return JSON.stringify(buildConfigSchema(), null, 2) + '\n';
}
