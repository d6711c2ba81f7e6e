import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildConfigSchema, configSchemaText } from '../../server/core/config';
import { allRules } from '../../server/core/rules';

// Compiled to out*/test/config/: the repository is three folders up.
const SCHEMA_FILE = path.join(__dirname, '..', '..', '..', 'schemas', 'bulwark.schema.json');

type Schema = Record<string, unknown> & { properties: Record<string, Record<string, unknown>> };

describe('schemas/bulwark.schema.json', () => {
  it('is up to date with the rule registry (regenerate: npm run compile-tests && node out/scripts/gen-schema.js)', () => {
    assert.equal(fs.readFileSync(SCHEMA_FILE, 'utf8'), configSchemaText());
  });

  it('completes every rule id, with its title and default severity', () => {
    const schema = buildConfigSchema() as Schema;
    const rules = (schema.definitions as Record<string, Schema>).rules;
    assert.deepEqual(Object.keys(rules.properties), allRules.map((r) => r.meta.id));
    for (const rule of allRules) {
      const entry = rules.properties[rule.meta.id];
      assert.deepEqual(entry.enum, ['error', 'warning', 'info', 'off']);
      assert.equal(entry.description, `${rule.meta.title} (default: ${rule.meta.severity}).`);
    }
    assert.deepEqual(schema.properties.rules, { $ref: '#/definitions/rules' });
  });

  it('describes every key, recursively', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const props = (node as { properties?: Record<string, unknown> }).properties;
      for (const [key, value] of Object.entries(props ?? {})) {
        const v = value as { description?: string; $ref?: string };
        if (!v.description && !v.$ref) undescribed.push(`${at}.${key}`);
        walk(value, `${at}.${key}`);
      }
      walk((node as { items?: unknown }).items, `${at}[]`);
    };
    const schema = buildConfigSchema();
    walk(schema, '');
    walk((schema.definitions as Record<string, unknown>).rules, 'rules');
    assert.deepEqual(undescribed, []);
  });

  it('keeps editor-only settings (debounce, enable) out of the file schema', () => {
    const keys = Object.keys((buildConfigSchema() as Schema).properties);
    assert.deepEqual(keys, ['root', 'extends', 'rules', 'allRules', 'trustedRegistries', 'exclude', 'failOn', 'registry', 'overrides']);
  });
});
