/**
 * An OpenID Connect provider in the test's own process, over real HTTP: discovery document, JWKS,
 * authorize (signs in whoever the test says, at once), token (code + PKCE S256 + client secret, each code
 * once) and RS256 id_tokens signed with `jose`. A test can make it misbehave: another nonce in the token,
 * an error at authorize, extra claims.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

interface Grant {
  claims: Record<string, unknown>;
  nonce: string;
  challenge: string;
  redirectUri: string;
}

export class FakeOidc {
  readonly clientId = 'party-hub';
  readonly clientSecret = 'fake-oidc-secret';
  /** Who signs in at the next authorize (the `sub` claim and any others). */
  user: Record<string, unknown> = { sub: 'alice' };
  /** Put into the next id_token instead of the nonce the hub sent. */
  nonceOverride: string | null = null;
  /** Answer the next authorize with this OAuth error instead of a code. */
  authorizeError: string | null = null;
  /** Codes exchanged (each once), and refused second exchanges. */
  readonly spent: string[] = [];
  readonly refused: string[] = [];
  #grants = new Map<string, Grant>();
  #key!: CryptoKey;
  #jwk!: JWK;
  #server!: Server;
  issuer = '';

  static async start(): Promise<FakeOidc> {
    const fake = new FakeOidc();
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    fake.#key = privateKey;
    fake.#jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    fake.#server = createServer((req, res) => {
      fake.handle(req).then(
        ({ status, body, location }) => {
          res.writeHead(status, { ...(location ? { location } : {}), ...(body ? { 'content-type': 'application/json' } : {}) });
          res.end(body ? JSON.stringify(body) : undefined);
        },
        (err: Error) => res.writeHead(500).end(err.message),
      );
    });
    await new Promise<void>((r) => fake.#server.listen(0, '127.0.0.1', r));
    fake.issuer = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  close(): Promise<void> {
    return new Promise((r) => this.#server.close(() => r()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body?: unknown; location?: string }> {
    const url = new URL(req.url!, this.issuer);
    if (url.pathname === '/.well-known/openid-configuration')
      return {
        status: 200,
        body: {
          issuer: this.issuer,
          authorization_endpoint: `${this.issuer}/authorize`,
          token_endpoint: `${this.issuer}/token`,
          jwks_uri: `${this.issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic'],
        },
      };
    if (url.pathname === '/jwks') return { status: 200, body: { keys: [this.#jwk] } };
    if (url.pathname === '/authorize') return this.authorize(url.searchParams);
    if (url.pathname === '/token' && req.method === 'POST') return this.token(req);
    return { status: 404 };
  }

  private authorize(q: URLSearchParams): { status: number; location?: string; body?: unknown } {
    const redirectUri = q.get('redirect_uri') ?? '';
    if (
      q.get('client_id') !== this.clientId ||
      !redirectUri ||
      q.get('response_type') !== 'code' ||
      q.get('code_challenge_method') !== 'S256'
    )
      return { status: 400, body: { error: 'invalid_request' } };
    const back = new URL(redirectUri);
    back.searchParams.set('state', q.get('state') ?? '');
    if (this.authorizeError) {
      back.searchParams.set('error', this.authorizeError);
      this.authorizeError = null;
      return { status: 302, location: back.href };
    }
    const code = randomBytes(16).toString('hex');
    this.#grants.set(code, {
      claims: { ...this.user },
      nonce: q.get('nonce') ?? '',
      challenge: q.get('code_challenge') ?? '',
      redirectUri,
    });
    back.searchParams.set('code', code);
    return { status: 302, location: back.href };
  }

  private async token(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const form = new URLSearchParams(text);
    // client_secret_basic: both parts form-encoded (RFC 6749 2.3.1), then base64.
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const [id, secret] = Buffer.from(basic, 'base64')
      .toString()
      .split(':')
      .map((p) => decodeURIComponent(p.replace(/\+/g, ' ')));
    if (id !== this.clientId || secret !== this.clientSecret) return { status: 401, body: { error: 'invalid_client' } };
    const code = form.get('code') ?? '';
    const grant = this.#grants.get(code);
    this.#grants.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (
      !grant ||
      form.get('grant_type') !== 'authorization_code' ||
      grant.challenge !== challenge ||
      grant.redirectUri !== form.get('redirect_uri')
    ) {
      this.refused.push(code);
      return { status: 400, body: { error: 'invalid_grant' } };
    }
    this.spent.push(code);
    const { sub, ...claims } = grant.claims;
    const idToken = await new SignJWT({ ...claims, nonce: this.nonceOverride ?? grant.nonce })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(this.issuer)
      .setAudience(this.clientId)
      .setSubject(String(sub))
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(this.#key);
    this.nonceOverride = null;
    return {
      status: 200,
      body: { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken },
    };
  }
}
