import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { unconnectedHubOrm } from '../app/orm.js';
import { buildHubSchema } from '../app/schema.js';
import { isListSpec } from '../graphql/define-list.js';
import { features } from './index.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Every module file under modules/ (tests aside), imported, with what it exports. */
async function moduleExports(): Promise<{ file: string; value: unknown }[]> {
  const files = (await readdir(here, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const out: { file: string; value: unknown }[] = [];
  for (const file of files) for (const value of Object.values(await import(`./${file}`))) out.push({ file, value });
  return out;
}

describe('modules', () => {
  it('should hand every list declared in a feature folder to the schema (through its index.ts)', async () => {
    const schema = await buildHubSchema(unconnectedHubOrm().getMetadata());
    const declared = (await moduleExports()).filter((e) => isListSpec(e.value));
    const listed = new Set(features.flatMap((f) => f.lists));
    const query = schema.getQueryType()!.getFields();
    const missing = declared
      .filter(({ value }) => !isListSpec(value) || !listed.has(value) || !query[value.queryName])
      .map(({ file, value }) => `${file}: ${isListSpec(value) ? value.queryName : '?'}`);
    expect(missing).toEqual([]);
    expect(declared.length).toBeGreaterThanOrEqual(17);
  });

  it('should hand every resolver class of a feature folder to the schema', async () => {
    const resolvers = (await moduleExports()).filter(
      (e) => typeof e.value === 'function' && (e.value as { name: string }).name.endsWith('Resolver'),
    );
    const given = new Set<unknown>(features.flatMap((f) => f.resolvers));
    expect(resolvers.filter((r) => !given.has(r.value)).map((r) => r.file)).toEqual([]);
  });

  it('should give every entity with a GraphQL type of a feature to the ORM', async () => {
    const schema = await buildHubSchema(unconnectedHubOrm().getMetadata());
    const entities = new Set(features.flatMap((f) => f.entities.map((e) => e.name)));
    for (const f of features) for (const l of f.lists) expect(entities.has(l.entity.name), l.entity.name).toBe(true);
    for (const name of entities) if (schema.getType(name)) expect(isObjectType(schema.getType(name)), name).toBe(true);
  });
});
