/**
 * The single sign-on pages, outside GraphQL (the gate lets anonymous callers only sign in and out there):
 * - `GET /auth/providers`: which providers are configured (`{ oidc, cas, ldap }`), for the sign-in page;
 * - `GET /auth/oidc/start` → 302 to the provider; `GET /auth/oidc/callback` → session cookie, 303 /;
 * - `GET /auth/cas/start` → 302 to `<cas>/login`; `GET /auth/cas/callback?state=…&ticket=ST-…` → likewise.
 * A callback that fails answers 303 /signin?error=<reason> (a reason of errors.ts, shown in both languages by
 * the page); what went wrong in detail goes to the hub's log, never into the URL.
 */
import express from 'express';
import type pg from 'pg';
import type { AuthSettings } from '../../../config.js';
import { HubError, Reason, type ReasonCode } from '../../../errors.js';
import { clientAddress, overTls } from '../proxy.js';
import { requestAuth, type Credentials } from '../request.js';
import { CasClient } from './cas.js';
import { SsoFailure } from './failure.js';
import { beginFlow, endFlow, flowCookie, flowCookieValue, landingPath } from './flows.js';
import { externalSignIn } from './identities.js';
import type { Provider } from './identity.entity.js';
import { OidcClient } from './oidc.js';

export interface SsoRoutes {
  pool: pg.Pool;
  settings: AuthSettings;
  /** Sessions, tokens and the trusted proxies (whose X-Forwarded-* name the client's address and TLS). */
  credentials: Credentials;
  log(message: string): void;
}

type Handler = (req: express.Request, res: express.Response) => Promise<void>;

/** A query parameter given once, as text (else ''). */
const param = (req: express.Request, name: string) => (typeof req.query[name] === 'string' ? req.query[name] : '');

/** The hub's own origin as this request reached it (its Host was checked by the guard, security.ts). */
const origin = (o: SsoRoutes, req: express.Request) => `${overTls(req, o.credentials.proxies) ? 'https' : 'http'}://${req.headers.host}`;

/** The browser's flow cookie and address, as a flow is started for them. */
const browserOf = (o: SsoRoutes, req: express.Request) => ({
  browser: flowCookie(req.headers.cookie),
  address: clientAddress(req, o.credentials.proxies),
  next: landingPath(req.query.next),
});

const noStore = (res: express.Response) => res.set('cache-control', 'no-store');

/**
 * Back to the sign-in page with a reason. The flow cookie goes, but not for a callback of no flow of this
 * browser's: such a URL may be anybody's (another site can make a browser open it), and must not end the
 * flow the browser has under way.
 */
function refuse(o: SsoRoutes, res: express.Response, req: express.Request, reason: ReasonCode): void {
  if (reason !== Reason.ssoState) res.append('set-cookie', flowCookieValue(null, overTls(req, o.credentials.proxies)));
  noStore(res);
  res
    .status(303)
    .location(`/signin?error=${encodeURIComponent(reason)}`)
    .end();
}

/** Signs in the subject a provider vouched for (sessions, cookie, lockout and audit as any sign-in), then 303 to `next` or /. */
async function finish(
  o: SsoRoutes,
  req: express.Request,
  res: express.Response,
  signedIn: { provider: Provider; subject: string; next: string | null },
): Promise<void> {
  const { provider, subject } = signedIn;
  const auth = await requestAuth(o.credentials, o.settings, req, res);
  try {
    await externalSignIn(o.pool, auth, provider, subject);
  } catch (err) {
    if (!(err instanceof HubError)) throw err;
    return refuse(o, res, req, err.extensions.reason as ReasonCode);
  }
  noStore(res).append('set-cookie', flowCookieValue(null, overTls(req, o.credentials.proxies)));
  res
    .status(303)
    .location(signedIn.next ?? '/')
    .end();
}

/** Runs a callback's provider step; an SsoFailure is logged and answered with its reason. */
async function step<T>(o: SsoRoutes, req: express.Request, res: express.Response, provider: Provider, fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof SsoFailure)) throw err;
    o.log(`${provider} sign-in from ${clientAddress(req, o.credentials.proxies)}: ${err.reason}: ${err.message}`);
    refuse(o, res, req, err.reason);
    return undefined;
  }
}

function oidcRoutes(o: SsoRoutes, oidc: OidcClient): Record<string, Handler> {
  const redirectUri = (req: express.Request) => oidc.settings.redirectUri ?? `${origin(o, req)}/auth/oidc/callback`;
  return {
    start: async (req, res) => {
      const secrets = oidc.secrets();
      const url = await step(o, req, res, 'oidc', async () => {
        await oidc.config(); // an unreachable provider is said before a flow is stored
        const flow = await beginFlow(o.pool, 'oidc', secrets, browserOf(o, req));
        res.append('set-cookie', flowCookieValue(flow.browser, overTls(req, o.credentials.proxies)));
        return oidc.authorizationUrl(redirectUri(req), flow.state, secrets);
      });
      if (url) noStore(res).redirect(302, url.href);
    },
    callback: async (req, res) => {
      if (typeof req.query.error === 'string') {
        o.log(`oidc sign-in from ${clientAddress(req, o.credentials.proxies)}: the provider answered ${req.query.error.slice(0, 100)}`);
        return refuse(o, res, req, Reason.ssoProviderError);
      }
      const flow = await endFlow(o.pool, 'oidc', req.query.state, flowCookie(req.headers.cookie));
      if (!flow) return refuse(o, res, req, Reason.ssoState);
      const query = req.originalUrl.slice(req.originalUrl.indexOf('?'));
      const subject = await step(o, req, res, 'oidc', () => oidc.subject(redirectUri(req), query, param(req, 'state'), flow));
      if (subject !== undefined) await finish(o, req, res, { provider: 'oidc', subject, next: flow.next });
    },
  };
}

function casRoutes(o: SsoRoutes, cas: CasClient): Record<string, Handler> {
  // The flow's state rides in the service URL: CAS sends the browser back to it with the ticket appended.
  const service = (req: express.Request, state: string) =>
    `${cas.settings.serviceUrl ?? `${origin(o, req)}/auth/cas/callback`}?state=${encodeURIComponent(state)}`;
  return {
    start: async (req, res) => {
      const flow = await step(o, req, res, 'cas', () => beginFlow(o.pool, 'cas', { verifier: null, nonce: null }, browserOf(o, req)));
      if (!flow) return;
      res.append('set-cookie', flowCookieValue(flow.browser, overTls(req, o.credentials.proxies)));
      noStore(res).redirect(302, cas.loginUrl(service(req, flow.state)));
    },
    callback: async (req, res) => {
      const flow = await endFlow(o.pool, 'cas', req.query.state, flowCookie(req.headers.cookie));
      if (!flow) return refuse(o, res, req, Reason.ssoState);
      const user = await step(o, req, res, 'cas', () => cas.validate(service(req, param(req, 'state')), req.query.ticket));
      if (user !== undefined) await finish(o, req, res, { provider: 'cas', subject: user, next: flow.next });
    },
  };
}

/** Mounts the providers' pages; a provider that is not configured answers /signin?error=sso/not_configured. */
export function ssoRoutes(o: SsoRoutes): express.Router {
  const router = express.Router();
  const { oidc, cas, ldap } = o.settings.sso;
  router.get('/auth/providers', (_req, res) => void noStore(res).json({ oidc: Boolean(oidc), cas: Boolean(cas), ldap: Boolean(ldap) }));
  const mount = (provider: Provider, handlers: Record<string, Handler> | null) => {
    for (const name of ['start', 'callback'])
      router.get(`/auth/${provider}/${name}`, (req, res, next) => {
        const handler = handlers?.[name];
        if (!handler) return refuse(o, res, req, Reason.ssoNotConfigured);
        handler(req, res).catch(next);
      });
  };
  mount('oidc', oidc ? oidcRoutes(o, new OidcClient(oidc)) : null);
  mount('cas', cas ? casRoutes(o, new CasClient(cas)) : null);
  return router;
}
