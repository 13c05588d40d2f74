/**
 * CAS 3.0 (many hospitals' 统一身份认证): the browser signs in at `<cas>/login?service=…` and comes back
 * with a one-time service ticket, which the hub validates on the back channel at `<cas>/p3/serviceValidate`
 * for the same service URL. The answer is XML; only `authenticationSuccess/user` is read (attributes are
 * ignored: roles are the hub's), by a maintained parser, after refusing any DTD (no entity expansion).
 */
import { XMLParser } from 'fast-xml-parser';
import type { CasSettings } from '../../../config.js';
import { Reason } from '../../../errors.js';
import { SsoFailure } from './failure.js';

/** A service ticket as CAS 3.0 issues them (ST-, at most 256 characters, URL-safe). */
const TICKET = /^ST-[A-Za-z0-9._~:-]{1,253}$/;

/** Longest validation answer read (a success with a few dozen attributes is a few kB). */
const MAX_ANSWER = 64 * 1024;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

/** The user of a serviceValidate answer, or the failure it says (its code is only logged). */
export function parseValidation(xml: string): string {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SsoFailure(Reason.ssoRejected, 'CAS answered with a DTD');
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch (err) {
    throw new SsoFailure(Reason.ssoRejected, `CAS answered with malformed XML: ${(err as Error).message}`);
  }
  const response = doc.serviceResponse as Record<string, unknown> | undefined;
  const success = response?.authenticationSuccess as Record<string, unknown> | undefined;
  const user = success?.user;
  if (typeof user === 'string' && user.trim()) return user.trim();
  const failure = response?.authenticationFailure;
  throw new SsoFailure(
    Reason.ssoRejected,
    failure !== undefined ? `CAS refused the ticket: ${JSON.stringify(failure).slice(0, 200)}` : 'CAS answered without a user',
  );
}

export class CasClient {
  constructor(readonly settings: CasSettings) {}

  /** Where the browser goes to sign in. */
  loginUrl(service: string): string {
    return `${this.settings.url}/login?service=${encodeURIComponent(service)}`;
  }

  /** The user a ticket was issued to for this service (the ticket is then spent at CAS). */
  async validate(service: string, ticket: unknown): Promise<string> {
    if (typeof ticket !== 'string' || !TICKET.test(ticket)) throw new SsoFailure(Reason.ssoRejected, 'no well-formed service ticket');
    const url = `${this.settings.url}/p3/serviceValidate?service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}`;
    let text: string;
    try {
      const res = await fetch(url, {
        signal: AbortSignal.timeout(10_000),
        redirect: 'error',
        headers: { accept: 'application/xml, text/xml' },
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      text = await res.text();
    } catch (err) {
      throw new SsoFailure(Reason.ssoUnavailable, `CAS validation failed: ${(err as Error).message}`);
    }
    if (text.length > MAX_ANSWER) throw new SsoFailure(Reason.ssoRejected, 'CAS answered with more than 64 kB');
    return parseValidation(text);
  }
}
