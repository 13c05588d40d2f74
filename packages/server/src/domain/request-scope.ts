/**
 * The HTTP request being served, for the audit rows it leaves wherever they are written (an account's sign-in
 * event as much as a data write): its client's address and its id, set by the request's authentication
 * (modules/account/request.ts) inside the scope http/app.ts opens around /graphql. Empty outside a request
 * (the command line, the WebSocket, background work).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  address?: string;
  requestId?: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (the rest of a request's handling) with a scope of its own, filled in as the request is authenticated. */
export const withRequestScope = <T>(fn: () => T): T => scope.run({}, fn);

/** The current request's scope, or an empty one outside a request. */
export const requestScope = (): RequestScope => scope.getStore() ?? {};
