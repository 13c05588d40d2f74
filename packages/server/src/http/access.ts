/**
 * The access gate on /graphql over HTTP (modules/account/gate.ts decides): after the operation is known
 * and before anything runs, a database without an administrator answers auth/no_admin, and an operation
 * the request's account (or nobody) may not run is refused with its status (401, 403).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';
import { gate, gateState, noAdmin, type AdminCheck } from '../modules/account/index.js';

/** Refusals the audit log keeps: a signed-in account asking for what its role or scope does not allow. */
const AUDITED = new Set(['auth/forbidden', 'auth/out_of_scope']);

export function accessGate(admins: AdminCheck): ApolloServerPlugin<Context> {
  return {
    requestDidStart: async () => ({
      // A refused write, or a read refused for its role or scope, leaves an audit row (who, from where, what, why).
      willSendResponse: async ({ contextValue, response, operation, operationName }) => {
        const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
        const refused = errors.filter((e) => AUDITED.has(String(e.extensions?.reason)));
        if (!refused.length || !contextValue.auth?.account) return;
        await contextValue.reader.db.pool
          .query(`insert into audit_log (actor, action, entity, after) values ($1, $2, 'access', $3)`, [
            contextValue.auth.account.username,
            operation?.operation === 'mutation' ? 'access.write_refused' : 'access.read_refused',
            JSON.stringify({
              operation: operationName ?? null,
              refusals: refused.map((e) => ({ reason: e.extensions?.reason, field: e.extensions?.field ?? null })),
              address: contextValue.auth.address,
            }),
          ])
          .catch(() => undefined); // the refusal stands whether or not its record could be written
      },
      didResolveOperation: async ({ contextValue, document, operation, schema }) => {
        if (!(await admins.exists())) throw noAdmin();
        if (!operation) return; // graphql-js answers a document without that operation itself
        const auth = contextValue.auth;
        const refusal = gate(schema, document, operation, gateState(auth?.account ?? null, auth?.settings.passwordMaxDays ?? 0));
        if (refusal) throw refusal;
      },
    }),
  };
}
