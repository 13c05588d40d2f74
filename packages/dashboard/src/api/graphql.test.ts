import { describe, expect, it } from 'vitest';
import { graphql } from './graphql.ts';

const respond = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;

describe('dashboard/api', () => {
  it('should return data', async () => {
    await expect(graphql('{ a }', {}, respond(200, { data: { a: 1 } }))).resolves.toEqual({ a: 1 });
  });

  it('should throw the server message on GraphQL errors and on HTTP failures', async () => {
    await expect(
      graphql('{ a }', {}, respond(200, { errors: [{ message: 'first 必须在 0 到 1000 之间 / first must be…' }] })),
    ).rejects.toThrow(/first 必须/);
    await expect(graphql('{ a }', {}, respond(500, 'oops'))).rejects.toThrow(/HTTP 500/);
  });
});
