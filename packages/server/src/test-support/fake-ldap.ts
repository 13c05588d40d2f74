/**
 * A directory in the test's own process: `ldapjs`'s server (a devDependency; the hub's client is `ldapts`),
 * over real TCP, plain or LDAPS with a certificate the test makes. Binds check a password per DN (the
 * service account's too); searches need the service account's bind and evaluate the filter the client sent
 * against the entries, as a directory does. Every filter received is kept, as the server parsed it.
 */
import ldap from 'ldapjs';
import type { AddressInfo } from 'node:net';

export interface FakeEntry {
  dn: string;
  password: string;
  attributes: Record<string, string | string[]>;
}

export const SERVICE_DN = 'cn=hub,ou=service,dc=hospital,dc=local';
export const SERVICE_PASSWORD = 'service-secret';
export const BASE_DN = 'dc=hospital,dc=local';

/** What the handlers use of ldapjs's requests and responses (its typings leave the server's untyped). */
interface Request {
  dn: { toString(): string };
  credentials?: string;
  filter: { toString(): string; matches(entry: Record<string, unknown>): boolean };
  connection: { ldap: { bindDN: { toString(): string } } };
}
interface Response {
  send(entry: { dn: string; attributes: Record<string, string | string[]> }): void;
  end(): void;
}
type Next = (err?: unknown) => void;

export class FakeLdap {
  readonly filters: string[] = [];
  /** Binds tried, DN and whether the password was empty. */
  readonly binds: { dn: string; empty: boolean }[] = [];
  #server!: ldap.Server;
  url = '';

  constructor(readonly entries: FakeEntry[]) {}

  static async start(entries: FakeEntry[], tls?: { certificate: string; key: string }): Promise<FakeLdap> {
    const fake = new FakeLdap(entries);
    const server = ldap.createServer(tls ?? {});
    fake.#server = server;
    server.bind(BASE_DN, (req: Request, res: Response, next: Next) => {
      const dn = req.dn.toString();
      const password = req.credentials ?? '';
      fake.binds.push({ dn, empty: !password });
      const known = dn === SERVICE_DN ? SERVICE_PASSWORD : fake.entries.find((e) => e.dn.toLowerCase() === dn.toLowerCase())?.password;
      if (known === undefined || known !== password) return next(new ldap.InvalidCredentialsError());
      res.end();
      return next();
    });
    server.search(BASE_DN, (req: Request, res: Response, next: Next) => {
      const boundAs = req.connection.ldap.bindDN.toString();
      if (boundAs !== SERVICE_DN) return next(new ldap.InsufficientAccessRightsError());
      fake.filters.push(req.filter.toString());
      for (const e of fake.entries) {
        // ldapjs matches attribute names in lower case (values as they are: this directory's uid is case-sensitive).
        const attributes = Object.fromEntries(Object.entries(e.attributes).map(([k, v]) => [k.toLowerCase(), v]));
        if (req.filter.matches(attributes)) res.send({ dn: e.dn, attributes });
      }
      res.end();
      return next();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    fake.url = `${tls ? 'ldaps' : 'ldap'}://127.0.0.1:${(server as unknown as { address(): AddressInfo }).address().port}`;
    return fake;
  }

  close(): Promise<void> {
    return new Promise((r) => this.#server.close(() => r()));
  }
}
