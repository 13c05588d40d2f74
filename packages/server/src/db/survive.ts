/**
 * What every pool of the hub's (the requests', the aggregates', the replicas') shares: the longest wait for a
 * connection, and surviving connections lost under it (db/pools.ts says why). A file of its own so that the
 * replicas (db/replicas.ts) need not import the pools, which import the reader, which names the replicas.
 */
import type pg from 'pg';

/** The longest a request waits for a connection (the ORM's pool takes it through its driver options too). */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A pool's lost idle connections are logged once each, never fatal; the pool makes new ones when asked. A
 * connection lost while a request holds it (pg-pool takes its idle listener off a client it hands out) fails
 * the statement in flight and also emits 'error' on the client: with no listener there, Node throws it and the
 * process ends (seen on losing a Patroni primary whose backends were killed mid-statement; a restart's
 * backends close their connections with a FATAL message instead). Every client handed out gets a listener
 * for that: the statement's own failure is what the request answers (db/unavailable).
 */
export function survive(pool: pg.Pool, name: string, log: (msg: string) => void): pg.Pool {
  pool.on('error', (err) => log(`${name}: an idle connection was lost (${err.message}); new ones are made as needed`));
  pool.on('acquire', (client) => {
    if (!client.listeners('error').includes(lostInFlight)) client.on('error', lostInFlight);
  });
  return pool;
}

/** The 'error' of a connection lost while checked out: its statement has failed with it already. */
function lostInFlight(): void {}
