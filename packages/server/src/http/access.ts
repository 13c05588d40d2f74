/**
 * The access gate on /graphql over HTTP (modules/account/gate.ts decides): after the operation is known
 * and before anything runs, a database without an administrator answers auth/no_admin, and an operation
 * the request's account (or nobody) may not run is refused with its status (401, 403); a personal access
 * token's mutation is refused as read-only.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context, SignedIn } from '../context.js';
import { credentialOf, gate, gateState, noAdmin, type AdminCheck } from '../modules/account/index.js';

/** Refusals the audit log keeps: a signed-in account (or its token) asking for what its role, scope or token does not allow. */
export const AUDITED_REFUSALS: ReadonlySet<string> = new Set(['auth/forbidden', 'auth/out_of_scope', 'auth/read_only_token']);

/** The audit row of a refused operation (who, from where, what, why; and the token, when one asked). */
export function refusalRow(
  account: SignedIn,
  address: string,
  mutation: boolean,
  operation: string | null,
  refusals: readonly { extensions?: Record<string, unknown> }[],
) {
  return {
    actor: account.username,
    action: mutation ? 'access.write_refused' : 'access.read_refused',
    entity: 'access',
    entity_id: null,
    after: {
      operation,
      refusals: refusals.map((e) => ({ reason: e.extensions?.reason, field: e.extensions?.field ?? null })),
      address,
      ...(account.tokenId !== undefined ? { token: account.tokenId } : {}),
    },
  };
}

export function accessGate(admins: AdminCheck): ApolloServerPlugin<Context> {
  return {
    requestDidStart: async () => ({
      // A refused write, or a read refused for its role or scope, leaves an audit row (who, from where, what, why).
      willSendResponse: async ({ contextValue, response, operation, operationName }) => {
        const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
        const refused = errors.filter((e) => AUDITED_REFUSALS.has(String(e.extensions?.reason)));
        const auth = contextValue.auth;
        if (!refused.length || !auth?.account) return;
        const row = refusalRow(auth.account, auth.address, operation?.operation === 'mutation', operationName ?? null, refused);
        await contextValue.reader.db.pool
          .query(`insert into audit_log (actor, action, entity, after, address, request_id) values ($1, $2, $3, $4, $5, $6)`, [
            row.actor,
            row.action,
            row.entity,
            JSON.stringify(row.after),
            auth.address.slice(0, 64),
            auth.requestId ?? null,
          ])
          .catch(() => undefined); // the refusal stands whether or not its record could be written
      },
      didResolveOperation: async ({ contextValue, document, operation, schema }) => {
        if (!(await admins.exists())) throw noAdmin();
        if (!operation) return; // graphql-js answers a document without that operation itself
        const auth = contextValue.auth;
        const state = gateState(auth?.account ?? null, auth?.settings.passwordMaxDays ?? 0);
        const refusal = gate(schema, document, operation, state, credentialOf(auth?.account));
        if (refusal) throw refusal;
      },
    }),
  };
}
