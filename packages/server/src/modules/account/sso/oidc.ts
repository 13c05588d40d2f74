/**
 * OpenID Connect, authorization code flow with PKCE (S256), state and nonce, by `openid-client` 6: the
 * provider's discovery document is read once (again after a failure), the code is exchanged on the back
 * channel, the id_token's signature (the provider's JWKS), issuer, audience, expiry and nonce are checked
 * by the library. The subject is one claim of the id_token (HUB_OIDC_SUBJECT_CLAIM, default `sub`); no
 * other claim is used: roles and scopes are the hub's.
 */
import * as client from 'openid-client';
import type { OidcSettings } from '../../../config.js';
import { Reason } from '../../../errors.js';
import { SsoFailure } from './failure.js';
import type { FlowSecrets } from './flows.js';

const isLoopback = (url: URL) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);

/** Where a failure of the library comes from: the provider's refusal (or a bad answer), or the network. */
function classify(err: unknown): SsoFailure {
  if (err instanceof SsoFailure) return err;
  const e = err as Error & { code?: string; error?: string };
  const refused =
    err instanceof client.ResponseBodyError ||
    err instanceof client.AuthorizationResponseError ||
    err instanceof client.WWWAuthenticateChallengeError ||
    (err instanceof client.ClientError && !(e.cause instanceof TypeError) && e.name !== 'TimeoutError');
  return new SsoFailure(refused ? Reason.ssoRejected : Reason.ssoUnavailable, `${e.name}: ${e.code ?? ''} ${e.error ?? ''} ${e.message}`);
}

export class OidcClient {
  #config: Promise<client.Configuration> | null = null;

  constructor(readonly settings: OidcSettings) {}

  /** The provider's configuration (discovered once; a failed discovery is tried again next time). */
  config(): Promise<client.Configuration> {
    const s = this.settings;
    const issuer = new URL(s.issuer);
    this.#config ??= client
      .discovery(issuer, s.clientId, undefined, s.clientSecret ? client.ClientSecretBasic(s.clientSecret) : client.None(), {
        // http only to this machine (config.ts refuses any other): a provider run beside the hub, or a test's.
        execute: issuer.protocol === 'http:' && isLoopback(issuer) ? [client.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((err: unknown) => {
        this.#config = null;
        throw classify(err);
      });
    return this.#config;
  }

  /** Fresh secrets for a flow: a PKCE verifier and a nonce. */
  secrets(): FlowSecrets {
    return { verifier: client.randomPKCECodeVerifier(), nonce: client.randomNonce() };
  }

  /** Where the browser goes to sign in. */
  async authorizationUrl(redirectUri: string, state: string, secrets: FlowSecrets): Promise<URL> {
    return client.buildAuthorizationUrl(await this.config(), {
      redirect_uri: redirectUri,
      scope: 'openid',
      response_type: 'code',
      state,
      nonce: secrets.nonce!,
      code_challenge: await client.calculatePKCECodeChallenge(secrets.verifier!),
      code_challenge_method: 'S256',
    });
  }

  /** The subject of a callback (its query string as received), once its code is exchanged and its id_token checked. */
  async subject(redirectUri: string, query: string, state: string, secrets: FlowSecrets): Promise<string> {
    try {
      const callback = new URL(redirectUri);
      callback.search = query;
      const tokens = await client.authorizationCodeGrant(
        await this.config(),
        callback,
        { pkceCodeVerifier: secrets.verifier!, expectedState: state, expectedNonce: secrets.nonce!, idTokenExpected: true },
        { redirect_uri: redirectUri },
      );
      const value = tokens.claims()?.[this.settings.subjectClaim];
      if ((typeof value !== 'string' || !value) && typeof value !== 'number')
        throw new SsoFailure(Reason.ssoRejected, `the id_token has no ${this.settings.subjectClaim} claim`);
      return String(value);
    } catch (err) {
      throw classify(err);
    }
  }
}
