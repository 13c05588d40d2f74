/** 账号与登录 / Accounts and sign-in: local accounts, passwords, lockout, sessions. */
import { defineFeature } from '../../graphql/feature.js';
import { Account } from './account.entity.js';
import { AccountResolver } from './account.resolver.js';
import { AdminResolver } from './admin.resolver.js';
import { SignInFailure, SignInLock } from './lockout.entity.js';
import { AccountSession } from './session.entity.js';
import { SignInLink } from './sign-in-link.entity.js';
import { AccountScope } from './account-scope.entity.js';
import { SsoFlow } from './sso/flow.entity.js';
import { AccountIdentity } from './sso/identity.entity.js';
import { ApiTokenRecord } from './api-token.entity.js';
import { ApiTokenResolver } from './api-token.resolver.js';
import { DisplayLinkResolver } from './display-link.resolver.js';

export const account = defineFeature({
  name: 'account',
  entities: [Account, AccountSession, AccountScope, SignInFailure, SignInLock, SignInLink, AccountIdentity, SsoFlow, ApiTokenRecord],
  lists: [],
  resolvers: [AccountResolver, ApiTokenResolver, DisplayLinkResolver, AdminResolver],
});

export { ambiguousCredentials, invalidToken, requestAuth, type Credentials } from './request.js';
export { TokenStore, type TokenAuditRow, type TokenLookup } from './token-store.js';
export { bearerOf } from './tokens.js';
export { clientAddress, overTls, TrustedProxies } from './proxy.js';
export { AdminCheck } from './admin-check.js';
export { DEMO_ACCOUNTS, DEMO_LINK_TTL_MS, demoLinks, type DemoLink } from './demo.js';
export { accountRoutes } from './routes.js';
export { ssoRoutes } from './sso/routes.js';
export { authChange, SessionStore } from './session-store.js';
export { AUTH_CHANNEL } from './sessions.js';
export { credentialOf, gate, gateState, noAdmin, type Credential } from './gate.js';
export { isLoopback } from './sign-in-links.js';
export { downloadFailed, refuseDownload } from './download-refusals.js';
