/**
 * Who a request comes from behind a reverse proxy (proxy.ts): the TCP peer unless it is trusted; from a
 * trusted peer, the right-most X-Forwarded-For hop that is not a trusted proxy, so what a client wrote
 * into the header itself is never taken; TLS from a trusted peer's X-Forwarded-Proto only.
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, NO_PROXIES, overTls, TrustedProxies } from './proxy.js';

const req = (peer: string, headers: Record<string, string> = {}, encrypted = false) =>
  ({ socket: { remoteAddress: peer, encrypted }, headers }) as unknown as IncomingMessage;

describe('account/proxy', () => {
  const proxies = new TrustedProxies(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);

  it('should match addresses and CIDRs, IPv4-mapped IPv6 as IPv4', () => {
    for (const a of ['127.0.0.1', '::ffff:127.0.0.1', '10.200.3.4', 'fd00::17', '[fd12::1]']) expect(proxies.trusts(a), a).toBe(true);
    for (const a of ['127.0.0.2', '11.0.0.1', '::1', 'fe80::1', 'unknown', '']) expect(proxies.trusts(a), a).toBe(false);
    expect(NO_PROXIES.trusts('127.0.0.1')).toBe(false);
  });

  it('should take the TCP peer, whatever the headers say, when no proxy (or not this peer) is trusted', () => {
    const forged = { 'x-forwarded-for': '1.2.3.4', 'x-forwarded-proto': 'https' };
    expect(clientAddress(req('::ffff:192.0.2.9', forged))).toBe('192.0.2.9');
    expect(overTls(req('192.0.2.9', forged))).toBe(false);
    expect(clientAddress(req('192.0.2.9', forged), proxies)).toBe('192.0.2.9');
    expect(overTls(req('192.0.2.9', forged), proxies)).toBe(false);
    expect(overTls(req('192.0.2.9', {}, true))).toBe(true);
  });

  it('should take the right-most hop that is not a trusted proxy, from a trusted peer', () => {
    const from = (xff: string) => clientAddress(req('127.0.0.1', { 'x-forwarded-for': xff }), proxies);
    expect(from('203.0.113.7')).toBe('203.0.113.7');
    // The client wrote "1.2.3.4" itself; the proxy appended where the request really came from.
    expect(from('1.2.3.4, 203.0.113.7')).toBe('203.0.113.7');
    expect(from('127.0.0.1, 203.0.113.7')).toBe('203.0.113.7');
    // Through two proxies of ours: the inner one appended the outer one's address.
    expect(from('1.2.3.4, 203.0.113.7, 10.1.1.1')).toBe('203.0.113.7');
    expect(from('203.0.113.7:5123, [fd00::3]:443')).toBe('203.0.113.7');
    expect(from('2001:db8::5')).toBe('2001:db8::5');
    // Every hop ours: the left-most; no header: the proxy itself; a hop that is no address: the trusted hop after it.
    expect(from('10.0.0.9, 10.0.0.8')).toBe('10.0.0.9');
    expect(clientAddress(req('127.0.0.1'), proxies)).toBe('127.0.0.1');
    expect(from('1.2.3.4, not-an-address, 10.0.0.8')).toBe('10.0.0.8');
    expect(from('1.2.3.4, unknown')).toBe('127.0.0.1');
  });

  it('should say TLS when a trusted proxy says https (its own, right-most value)', () => {
    const proto = (p: string, peer = '127.0.0.1') => overTls(req(peer, { 'x-forwarded-proto': p }), proxies);
    expect(proto('https')).toBe(true);
    expect(proto('HTTPS')).toBe(true);
    expect(proto('http')).toBe(false);
    expect(proto('https, http')).toBe(false);
    expect(proto('http, https')).toBe(true);
    expect(proto('https', '192.0.2.9')).toBe(false);
  });
});
