/**
 * Every query the project ships validates against the committed contract (packages/schema/schema.graphql):
 * the README's examples, GraphiQL's default, the dashboard's, the benchmarks'. A renamed field or enum
 * value fails here, not in an analyst's first paste.
 */
import { schemaPath } from '@party-hub/schema';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERY } from '../packages/server/src/http/graphiql.ts';
import { scenarios } from './bench/queries.ts';
import { repoRoot } from './support/hub-process.ts';

/** The ```graphql blocks of a Markdown file. */
const graphqlBlocks = (markdown: string) => [...markdown.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

/** The `query: \`…\`` literals of a source file that cannot be imported (a script with top-level work). */
const queryLiterals = (source: string) => [...source.matchAll(/query: `([^`]*)`/g)].map((m) => m[1]);

describe('contract/shipped queries', () => {
  let schema: GraphQLSchema;
  const errorsOf = (query: string) => validate(schema, parse(query)).map((e) => e.message);

  beforeAll(async () => {
    schema = buildSchema(await readFile(schemaPath, 'utf8'));
  });

  it('should validate every example in the README (and there are examples)', async () => {
    const blocks = graphqlBlocks(await readFile(join(repoRoot, 'README.md'), 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const q of blocks) expect(errorsOf(q), q).toEqual([]);
  });

  it("should validate GraphiQL's default query, which lists every kind of branch", () => {
    expect(errorsOf(DEFAULT_QUERY)).toEqual([]);
    expect(DEFAULT_QUERY).toMatch(/kind: \{ in: \[BRANCH, JOINT_BRANCH\] \}/);
  });

  it("should validate the dashboard's operations (one .graphql file each, with the fragments they spread)", async () => {
    const dir = join(repoRoot, 'packages/dashboard/src');
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.graphql'));
    const texts = new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const)));
    const fragments = new Map(
      [...texts.values()].flatMap((t) => [...t.matchAll(/^fragment (\w+)[^{]*\{[\s\S]*?^\}/gm)].map((m) => [m[1]!, m[0]] as const)),
    );
    /** An operation's text with every fragment it spreads, transitively (an unused one is itself an error). */
    const withFragments = (text: string) => {
      const used = new Set<string>();
      for (let pending = [text]; pending.length;) {
        for (const [, name] of pending.pop()!.matchAll(/\.\.\.(\w+)/g)) {
          if (name && fragments.has(name) && !used.has(name)) {
            used.add(name);
            pending.push(fragments.get(name)!);
          }
        }
      }
      return [text, ...[...used].map((n) => fragments.get(n)!)].join('\n');
    };
    const operations = [...texts].filter(([, t]) => /^(query|mutation|subscription)\b/m.test(t));
    expect(operations.length).toBeGreaterThanOrEqual(8);
    for (const [f, t] of operations) expect(errorsOf(withFragments(t)), f).toEqual([]);
    expect(fragments.size).toBeGreaterThan(0);
  });

  it("should validate the benchmarks' hub queries", async () => {
    const ids = { id: 'T3JnYW5pemF0aW9uOjE=', path: '/1/' };
    const peer = scenarios({ general: ids, committee: ids, quarter: { from: '2025-01-01', to: '2025-03-31' } });
    for (const s of peer) expect(errorsOf(s.hub.query), s.key).toEqual([]);
    const serverBench = queryLiterals(await readFile(join(repoRoot, 'packages/server/src/cli/bench.ts'), 'utf8'));
    expect(serverBench.length).toBeGreaterThan(0);
    for (const q of serverBench) expect(errorsOf(q), q).toEqual([]);
  });

  it('should fail on a query the schema does not have (the check can fail)', () => {
    expect(errorsOf(`{ organizations(filter: { kind: { eq: branch } }) { totalCount } }`)).not.toEqual([]);
  });
});
