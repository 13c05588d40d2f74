/**
 * The access gate on /graphql over HTTP (modules/account/gate.ts decides): after the operation is known
 * and before anything runs, a database without an administrator answers auth/no_admin, and an operation
 * the request's account (or nobody) may not run is refused with its status (401, 403).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.js';
import { gate, gateState, noAdmin, type AdminCheck } from '../modules/account/index.js';

export function accessGate(admins: AdminCheck): ApolloServerPlugin<Context> {
  return {
    requestDidStart: async () => ({
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
