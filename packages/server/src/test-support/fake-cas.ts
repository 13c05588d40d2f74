/**
 * A CAS 3.0 server in the test's own process, over real HTTP: `/login` signs in whoever the test says and
 * sends the browser back to the service with a one-time ticket; `/p3/serviceValidate` answers the CAS 3.0
 * XML (with attributes), a ticket once and only for the service it was issued for.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const xml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export class FakeCas {
  /** Who signs in at the next /login. */
  user = 'zhangwei';
  /** Attributes sent with a success (the hub must ignore them). */
  attributes: Record<string, string> = { role: 'admin', memberOf: 'cn=admins' };
  /** Answer validations with this body instead (a test's malformed or hostile XML). */
  answer: string | null = null;
  readonly validations: URLSearchParams[] = [];
  #tickets = new Map<string, { user: string; service: string }>();
  #server!: Server;
  url = '';

  static async start(): Promise<FakeCas> {
    const fake = new FakeCas();
    fake.#server = createServer((req, res) => {
      const url = new URL(req.url!, fake.url);
      if (url.pathname === '/cas/login') {
        const service = url.searchParams.get('service') ?? '';
        const ticket = `ST-${randomBytes(12).toString('hex')}-fake`;
        fake.#tickets.set(ticket, { user: fake.user, service });
        res.writeHead(302, { location: `${service}${service.includes('?') ? '&' : '?'}ticket=${ticket}` }).end();
      } else if (url.pathname === '/cas/p3/serviceValidate') {
        fake.validations.push(url.searchParams);
        res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(fake.validate(url.searchParams));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => fake.#server.listen(0, '127.0.0.1', r));
    fake.url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}/cas`;
    return fake;
  }

  close(): Promise<void> {
    return new Promise((r) => this.#server.close(() => r()));
  }

  private validate(q: URLSearchParams): string {
    if (this.answer !== null) return this.answer;
    const ticket = q.get('ticket') ?? '';
    const issued = this.#tickets.get(ticket);
    this.#tickets.delete(ticket);
    const head = `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">`;
    if (!issued || issued.service !== q.get('service'))
      return `${head}<cas:authenticationFailure code="INVALID_TICKET">Ticket ${xml(ticket)} not recognized</cas:authenticationFailure></cas:serviceResponse>`;
    const attributes = Object.entries(this.attributes)
      .map(([k, v]) => `<cas:${k}>${xml(v)}</cas:${k}>`)
      .join('');
    return `${head}<cas:authenticationSuccess><cas:user>${xml(issued.user)}</cas:user><cas:attributes>${attributes}</cas:attributes></cas:authenticationSuccess></cas:serviceResponse>`;
  }
}
