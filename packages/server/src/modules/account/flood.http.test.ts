/**
 * 10,000 sign-in attempts from one address, 100 at a time, over HTTP: every answer is a coded refusal
 * (auth/failed until the address locks, then auth/locked), never a 500 and never a hint which names exist; the
 * hub keeps serving the sessions it has while it happens; and the lock holds afterwards for the right password.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../../test-support/hub.js';
import { makeAccount, PASSWORD } from './test-support.js';

const SIGN_IN = 'mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { username } }';
const ATTEMPTS = 10_000;
const AT_ONCE = 100;

describe('account/flood', () => {
  let hub: TestHub;
  let pool: pg.Pool;
  beforeAll(async () => {
    hub = await startTestHub();
    pool = new pg.Pool({ connectionString: hub.db.url, max: 2 });
    await makeAccount(pool, 'zhou.qing');
  });
  afterAll(async () => {
    await pool.end();
    await hub.close();
  });

  async function attempt(i: number): Promise<string> {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SIGN_IN, variables: { u: i % 2 ? 'zhou.qing' : `guess-${i}`, p: `Guess-${i}-x` } }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { reason?: string } }[] };
    return `${res.status} ${body.errors?.[0]?.extensions?.reason ?? 'signed in'}`;
  }

  it('should answer 10,000 guesses from one address with coded refusals only, and keep serving signed-in users', async () => {
    const answers = new Map<string, number>();
    const started = performance.now();
    let slowestMe = 0;
    for (let i = 0; i < ATTEMPTS; i += AT_ONCE) {
      const batch = await Promise.all(Array.from({ length: AT_ONCE }, (_, j) => attempt(i + j)));
      for (const a of batch) answers.set(a, (answers.get(a) ?? 0) + 1);
      if (i % 2_000 === 0) {
        const t = performance.now();
        const me = await hub.gql('{ me { username } }');
        expect(me.errors).toBeUndefined();
        slowestMe = Math.max(slowestMe, performance.now() - t);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `10,000 sign-in guesses from one address: ${seconds.toFixed(1)} s; answers ${JSON.stringify(Object.fromEntries(answers))}; slowest me ${slowestMe.toFixed(0)} ms`,
    );
    // A refused sign-in is a GraphQL error of the mutation (HTTP 200), coded; nothing else, and no 5xx.
    expect([...answers.keys()].toSorted()).toEqual(['200 auth/failed', '200 auth/locked']);
    expect(answers.get('200 auth/failed')).toBe(5);
    // The right password from the locked address is refused too: the address's lock holds.
    const right = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SIGN_IN, variables: { u: 'zhou.qing', p: PASSWORD } }),
    });
    expect(((await right.json()) as { errors: { extensions: { reason: string } }[] }).errors[0].extensions.reason).toBe('auth/locked');
  }, 300_000);
});
