import { afterEach, describe, expect, it, vi } from 'vitest';
import { request, RequestError, type Document } from './client.ts';

const doc = { toString: () => 'query Q { a }' } as Document<{ a: number }, Record<string, never>>;
const respond = (status: number, body: unknown) =>
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status })),
  );

afterEach(() => vi.unstubAllGlobals());

describe('dashboard/api', () => {
  it('should post the document text and return data', async () => {
    respond(200, { data: { a: 1 } });
    await expect(request(doc, {})).resolves.toEqual({ a: 1 });
    const [url, init] = (fetch as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls[0]!;
    expect(url).toBe('/graphql');
    expect(JSON.parse(init.body as string)).toEqual({ query: 'query Q { a }', variables: {} });
  });

  it("should throw the server's own words (zh / en) and keep the coded errors", async () => {
    const errors = [{ message: 'first 必须在 0 到 1000 之间 / first must be 0–1000', extensions: { code: 'BAD_USER_INPUT' } }];
    respond(200, { errors });
    const e = await request(doc, {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RequestError);
    expect((e as RequestError).message).toMatch(/first 必须/);
    expect((e as RequestError).errors[0]!.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('should say HTTP status when there is no GraphQL answer, and that the network is down', async () => {
    respond(502, 'bad gateway');
    await expect(request(doc, {})).rejects.toThrow(/HTTP 502/);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(request(doc, {})).rejects.toThrow(/网络不可用 \/ Network unavailable/);
  });
});
