import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemaPath } from './index.ts';

describe('schema/contract', () => {
  const schema = buildSchema(readFileSync(schemaPath, 'utf8'));

  it('should be a valid SDL whose every root list is a Relay connection', () => {
    const query = schema.getQueryType()!;
    const lists = Object.values(query.getFields()).filter((f) => f.type.toString().endsWith('Connection'));
    // Nullable: a list refused answers null with its own error and the request's other fields keep their data.
    expect(Object.values(query.getFields()).filter((f) => f.type.toString().endsWith('Connection!'))).toEqual([]);
    // Every list, whichever entities there are (the server's features test ties them to its declarations).
    expect(lists.length).toBeGreaterThanOrEqual(17);
    // Beside the lists: node lookups, the indicator engine, who is signed in and its own tokens (a short plain list,
    // not a table to page through), and an aggregate next to every fact's list.
    const others = Object.keys(query.getFields()).filter((name) => !lists.some((f) => f.name === name));
    expect(others.filter((name) => !name.endsWith('Aggregate')).toSorted()).toEqual([
      'apiTokens',
      'dataRange',
      'indicatorBreakdown',
      'indicatorCatalog',
      'indicatorEvidence',
      'indicatorSeries',
      'indicators',
      'integrationIndex',
      'integrationWeights',
      'me',
      'node',
      'nodes',
    ]);
    // Every aggregate stands beside its fact's list.
    const aggregates = others.filter((name) => name.endsWith('Aggregate'));
    expect(aggregates.length).toBeGreaterThanOrEqual(11);
    for (const name of aggregates)
      expect(
        lists.map((f) => f.name),
        name,
      ).toContain(name.replace(/Aggregate$/, ''));
    for (const field of lists) {
      const conn = schema.getType(field.type.toString().replace('!', ''));
      expect(isObjectType(conn), field.name).toBe(true);
      expect(Object.keys((conn as any).getFields()).toSorted()).toEqual(['edges', 'nodes', 'pageInfo', 'totalCount']);
      // The hand-written lists of the administrator's pages page forward only, in one order (username; newest first).
      const forwardOnly = ['accounts', 'auditLog'].includes(field.name);
      expect(field.args.map((a) => a.name).toSorted(), field.name).toEqual(
        forwardOnly ? ['after', 'filter', 'first'] : ['after', 'before', 'filter', 'first', 'last', 'orderBy'],
      );
    }
  });
});
