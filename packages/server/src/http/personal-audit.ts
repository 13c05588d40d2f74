/**
 * Every request that returned personal data leaves one audit row before its answer goes out: who, from
 * where, the operation, which fields of which type, the record ids, and whether anything was revealed
 * (PIPL Art. 51, 55: a record of processing personal information). Records are named by id, never by
 * what was read.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';
import { dbUnavailable } from '../errors.js';

/** Ids kept in one audit row at most (the count says how many there were). */
const MAX_IDS = 1000;

export const personalAudit: ApolloServerPlugin<Context> = {
  requestDidStart: async () => ({
    willSendResponse: async ({ contextValue, operationName, response }) => {
      const reads = contextValue.reader.personal;
      if (!reads.size) return;
      try {
        await record(contextValue, operationName ?? null, reads);
      } catch {
        // No personal data leaves without its record: the answer becomes the database's 503.
        const e = dbUnavailable();
        response.http.status = 503;
        response.body = { kind: 'single', singleResult: { errors: [{ message: e.message, extensions: e.extensions }] } };
      }
    },
  }),
};

async function record(contextValue: Context, operationName: string | null, reads: Context['reader']['personal']): Promise<void> {
  const db = contextValue.reader.db.pool;
  for (const [type, r] of reads) {
    const ids = [...r.ids];
    await db.query(`insert into audit_log (actor, action, entity, entity_id, after) values ($1, $2, $3, $4, $5)`, [
      (contextValue.actor ?? 'anonymous').slice(0, 100),
      r.revealed ? 'personal.reveal' : 'personal.read',
      type.toLowerCase(),
      ids.length === 1 ? ids[0] : null,
      JSON.stringify({
        operation: operationName,
        fields: [...r.fields].toSorted(),
        revealed: r.revealed,
        count: ids.length,
        ids: ids.slice(0, MAX_IDS),
        address: contextValue.auth?.address ?? null,
      }),
    ]);
  }
}
