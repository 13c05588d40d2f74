/**
 * Every request that returned personal data leaves one audit row: who, from where, the operation, which
 * fields of which type, the record ids, and whether anything was revealed (PIPL Art. 51, 55: a record of
 * processing personal information). Records are named by id, never by what was read.
 *
 * The rows are written by this instance's audit writer, batched (one INSERT for all rows queued meanwhile)
 * on a connection of its own that commits without waiting for the WAL flush: waiting for its own insert
 * cost a personal read 0.5–0.8 ms of its 2–3 ms (`pnpm bench`, the issue asks ≥ 0.90 of the speed with the
 * audit on). What a crash of this process or of PostgreSQL can lose is the last moments' read records,
 * never a write's (a write commits together with its audit row). A batch that cannot be written is kept
 * and tried again (up to a bound, then said in the log); the HTTP server's stop writes what is queued.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import pg from 'pg';
import type { Context } from '../context.js';
import type { Db } from '../db/reader.js';

/** Ids kept in one audit row at most (the count says how many there were). */
const MAX_IDS = 1000;
/**
 * How long the writer gathers rows before one INSERT: one insert (and its hash-chain step) a request cost the
 * database as much as the read on a 2-core machine (speed kept 0.86–0.91 for a secretary's personal read, at
 * once after each answer); gathered for 50 ms, one insert takes every answer of that span.
 */
const GATHER_MS = 50;
/** Rows held while the database cannot take them, at most (beyond: dropped, and said in the log). */
const MAX_QUEUED = 50_000;

interface AuditRow {
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  after: unknown;
  /** The request's client address and id (audit_log's own columns), when it came over HTTP. */
  address?: string | null;
  request_id?: string | null;
}

export class AuditWriter {
  readonly #pool: pg.Pool;
  #queue: AuditRow[] = [];
  #writing: Promise<void> | null = null;

  constructor(
    db: Db,
    private readonly log: (m: string) => void,
  ) {
    const options = (db.pool as unknown as { options: pg.PoolConfig }).options;
    this.#pool = new pg.Pool({ ...options, max: 1, options: '-c synchronous_commit=off' });
    this.#pool.on('error', (err) => log(`audit writer: ${err.message}`));
  }

  add(row: AuditRow): void {
    if (this.#queue.length >= MAX_QUEUED) {
      this.log(`audit writer: ${MAX_QUEUED} rows waiting for the database; a personal-read record was dropped`);
      return;
    }
    this.#queue.push(row);
    this.#writing ??= this.#write();
  }

  async #write(): Promise<void> {
    await new Promise((r) => setTimeout(r, GATHER_MS)); // what the other requests of the span add goes in the same insert
    while (this.#queue.length) {
      const batch = this.#queue;
      this.#queue = [];
      try {
        await this.#pool.query(
          `insert into audit_log (actor, action, entity, entity_id, after, address, request_id)
           select actor, action, entity, entity_id, after, left(address, 64), request_id from jsonb_to_recordset($1::jsonb)
             as r(actor varchar, action varchar, entity varchar, entity_id int, after jsonb, address varchar, request_id varchar)`,
          [JSON.stringify(batch)],
        );
      } catch (err) {
        this.log(`audit writer: ${batch.length} rows not written yet (${(err as Error).message}); trying again`);
        this.#queue = [...batch, ...this.#queue].slice(0, MAX_QUEUED);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    this.#writing = null;
  }

  /** Writes what is queued (trying for at most `ms`) and closes the connection. */
  async stop(ms = 5000): Promise<void> {
    if (this.#writing) await Promise.race([this.#writing, new Promise((r) => setTimeout(r, ms))]);
    await this.#pool.end();
  }

  /** Settles once what is queued now is written (for tests). */
  async flushed(): Promise<void> {
    while (this.#writing) await this.#writing;
  }
}

/** One row per type of person data an answer held (an HTTP request's, or a subscription's push). */
export function auditPersonal(writer: AuditWriter, contextValue: Context, operationName: string | null | undefined): void {
  for (const [type, r] of contextValue.reader.personal) {
    const ids = [...r.ids];
    writer.add({
      actor: (contextValue.actor ?? 'anonymous').slice(0, 100),
      action: r.revealed ? 'personal.reveal' : 'personal.read',
      entity: type.toLowerCase(),
      entity_id: ids.length === 1 ? ids[0] : null,
      after: {
        operation: operationName ?? null,
        fields: [...r.fields].toSorted(),
        revealed: r.revealed,
        count: ids.length,
        ids: ids.slice(0, MAX_IDS),
        address: contextValue.auth?.address ?? null,
        ...(contextValue.auth?.account?.tokenId !== undefined ? { token: contextValue.auth.account.tokenId } : {}),
      },
      address: contextValue.auth?.address ?? null,
      request_id: contextValue.auth?.requestId ?? null,
    });
  }
}

/** The plugin: after each answer, one row per type of person data it held. */
export const personalAudit = (writer: AuditWriter): ApolloServerPlugin<Context> => ({
  requestDidStart: async () => ({
    willSendResponse: async ({ contextValue, operationName }) => auditPersonal(writer, contextValue, operationName),
  }),
});
