/**
 * Who a request comes from, and whether it came over TLS, when a reverse proxy may stand in front
 * (HUB_TRUSTED_PROXIES). The TCP peer is the client unless it is a trusted proxy; only then are its
 * `X-Forwarded-For` and `X-Forwarded-Proto` read, and in X-Forwarded-For only the hops the trusted proxies
 * appended: the list is read from the right (each proxy appends the address it received the request from),
 * and the first address that is not a trusted proxy is the client. Whatever a client wrote into the header
 * itself stands to the left of that and is never reached, so a forged X-Forwarded-For cannot choose the
 * address the lockout counts or the audit log names; a peer that is not trusted has both headers ignored.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** An address as compared: IPv4-mapped IPv6 (`::ffff:10.0.0.1`) written as IPv4, lower case, without brackets. */
function plain(address: string): string {
  const a = address
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** One X-Forwarded-For hop as an address: `10.0.0.1`, `10.0.0.1:5123`, `fd00::1`, `[fd00::1]:5123`; null if none. */
function hopAddress(hop: string): string | null {
  const h = hop.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  const v4port = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(h);
  const address = plain(bracketed?.[1] ?? v4port?.[1] ?? h);
  return isIP(address) ? address : null;
}

/** The proxies HUB_TRUSTED_PROXIES names (config.ts has checked and normalised each entry). */
export class TrustedProxies {
  readonly #list = new BlockList();
  readonly size: number;

  constructor(entries: readonly string[] = []) {
    this.size = entries.length;
    for (const entry of entries) {
      const [address, bits] = entry.split('/') as [string, string | undefined];
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.#list.addAddress(address, family);
      else this.#list.addSubnet(address, Number(bits), family);
    }
  }

  /** Whether an address is one of the trusted proxies. */
  trusts(address: string): boolean {
    if (!this.size) return false;
    const a = plain(address);
    const family = isIP(a);
    return family !== 0 && this.#list.check(a, family === 6 ? 'ipv6' : 'ipv4');
  }
}

/** No proxy trusted (HUB_TRUSTED_PROXIES unset): the TCP peer is the client. */
export const NO_PROXIES = new TrustedProxies();

/** The TCP peer's address, an IPv4-mapped IPv6 address written as IPv4. */
const peerOf = (req: IncomingMessage): string => plain(req.socket.remoteAddress ?? 'unknown');

/**
 * The client's address: the TCP peer; or, when the peer is a trusted proxy, the right-most X-Forwarded-For
 * hop that is not a trusted proxy (every hop trusted: the left-most; a hop that is no address: the trusted
 * hop after it, which handed it over).
 */
export function clientAddress(req: IncomingMessage, proxies: TrustedProxies = NO_PROXIES): string {
  let client = peerOf(req);
  if (!proxies.trusts(client)) return client;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!hops[i].trim()) continue;
    const hop = hopAddress(hops[i]);
    if (hop === null) break;
    client = hop;
    if (!proxies.trusts(hop)) break;
  }
  return client;
}

/**
 * Whether the request reached the client's side over TLS: this server's own socket, or, from a trusted proxy,
 * `X-Forwarded-Proto: https` (the right-most value: the one the nearest proxy set).
 */
export function overTls(req: IncomingMessage, proxies: TrustedProxies = NO_PROXIES): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted) return true;
  if (!proxies.trusts(peerOf(req))) return false;
  const header = req.headers['x-forwarded-proto'];
  const values = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  return values.at(-1)!.trim().toLowerCase() === 'https';
}
