import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  currentReadAfter,
  errorText,
  onAuthRefusal,
  refusalOf,
  request,
  RequestError,
  sawReadAfter,
  socketRefusal,
  type Document,
} from './client.ts';

const doc = { toString: () => 'query Q { a }' } as Document<{ a: number }, Record<string, never>>;
const respond = (status: number, body: unknown) =>
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status })),
  );

afterEach(() => {
  vi.unstubAllGlobals();
  onAuthRefusal(null);
});

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

  it('should tell the listener of a session refusal once per response, and still fail as before', async () => {
    const heard = vi.fn();
    onAuthRefusal(heard);
    const errors = [
      {
        message: '请先登录 / sign in first',
        extensions: { code: 'UNAUTHENTICATED', reason: 'auth/required', messageZh: '请先登录', messageEn: 'sign in first' },
      },
    ];
    respond(401, { errors });
    const e = (await request(doc, {}).catch((x: unknown) => x)) as RequestError;
    expect(e).toBeInstanceOf(RequestError);
    expect(e.status).toBe(401);
    expect(e.message).toBe('请先登录 / sign in first');
    expect(heard).toHaveBeenCalledExactlyOnceWith('auth/required');
  });

  it('should not tell the listener of any other refusal (a wrong password is the sign-in form’s)', async () => {
    const heard = vi.fn();
    onAuthRefusal(heard);
    for (const reason of ['auth/failed', 'auth/locked', 'auth/forbidden', 'period/invalid']) {
      respond(200, { errors: [{ message: 'x', extensions: { reason } }] });
      await expect(request(doc, {})).rejects.toBeInstanceOf(RequestError);
    }
    respond(503, 'down');
    await expect(request(doc, {})).rejects.toThrow(/HTTP 503/);
    expect(heard).not.toHaveBeenCalled();
  });

  it("should give the hub's words in the language in view", async () => {
    const one = {
      message: '用户名或密码不正确 / wrong username or password',
      extensions: { messageZh: '用户名或密码不正确', messageEn: 'wrong username or password' },
    };
    expect(errorText(one, 'zh')).toBe('用户名或密码不正确');
    expect(errorText(one, 'en')).toBe('wrong username or password');
    expect(errorText({ message: 'HTTP 502' }, 'en')).toBe('HTTP 502');
    expect(refusalOf(new RequestError('x', [one]))).toBe(one);
    expect(refusalOf(new Error('网络不可用 / Network unavailable'))).toEqual({ message: '网络不可用 / Network unavailable' });
  });

  it("should read a socket's close: a session refusal named, one to check over HTTP, or a fault to retry", () => {
    expect(socketRefusal({ code: 4401, reason: 'auth/required' })).toBe('auth/required');
    expect(socketRefusal({ code: 4403, reason: 'auth/password_change_required' })).toBe('auth/password_change_required');
    expect(socketRefusal({ code: 4403, reason: 'auth/no_admin' })).toBe('auth/no_admin');
    expect(socketRefusal({ code: 4401, reason: 'Unauthorized' })).toBe('check');
    expect(socketRefusal({ code: 4403, reason: 'Forbidden' })).toBe('check');
    expect(socketRefusal({ code: 1006, reason: '' })).toBeNull();
    expect(socketRefusal({ code: 4499, reason: 'Terminated' })).toBeNull();
    expect(socketRefusal(new Error('boom'))).toBeNull();
    expect(socketRefusal(null)).toBeNull();
  });

  it('should send back the furthest read position a mutation or a push gave, never an older one', async () => {
    respond(200, { data: { a: 1 } });
    await request(doc, {});
    const sent = () =>
      (fetch as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls.at(-1)![1].headers as Record<string, string>;
    expect(sent()['x-hub-read-after']).toBeUndefined();
    respond(200, { data: { a: 1 }, extensions: { readAfter: '0/1A2B3C' } });
    await request(doc, {});
    expect(currentReadAfter()).toBe('0/1A2B3C');
    await request(doc, {});
    expect(sent()['x-hub-read-after']).toBe('0/1A2B3C');
    sawReadAfter('0/FF'); // an older push: kept as it was
    sawReadAfter('nonsense');
    expect(currentReadAfter()).toBe('0/1A2B3C');
    sawReadAfter('1/0'); // a later push
    await request(doc, {});
    expect(sent()['x-hub-read-after']).toBe('1/0');
  });
});
