/**
 * A TCP proxy between the hub and PostgreSQL that a test can make silent: `blackhole()` stops forwarding bytes
 * both ways on the connections it carries, without closing a socket (a firewall or NAT that forgot a connection:
 * no reset, no FIN, nothing); `blackhole({ newConnections: true })` also holds every connection opened from then
 * on (a partition); `forward()` resumes them all, bytes held meanwhile delivered in order.
 * Hand-written on node:net: toxiproxy's server is not obtainable here, and its "timeout 0" toxic is all we need.
 */
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** `url` (a PostgreSQL connection string) with its host and port replaced by the proxy's. */
  through(url: string): string;
  blackhole(options?: { newConnections?: boolean }): void;
  forward(): void;
  /** Connections open now. */
  readonly open: number;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (a free port) to the host and port of `target`'s URL. */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  const pairs = new Set<[Socket, Socket]>();
  let holdNew = false;
  const server: Server = createServer((down) => {
    const up = connect(Number(port || 5432), hostname || '127.0.0.1');
    const pair: [Socket, Socket] = [down, up];
    pairs.add(pair);
    for (const [from, to] of [pair, [up, down] as const]) {
      from.on('data', (d) => to.write(d));
      from.on('end', () => to.end());
      from.on('error', () => to.destroy());
      from.on('close', () => {
        to.destroy();
        pairs.delete(pair);
      });
    }
    if (holdNew) for (const s of pair) s.pause();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxyPort = (server.address() as AddressInfo).port;
  return {
    through(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(proxyPort);
      return u.toString();
    },
    blackhole(options = {}) {
      holdNew = options.newConnections ?? false;
      // A paused socket reads nothing: neither its data nor its end reaches the other side.
      for (const pair of pairs) for (const s of pair) s.pause();
    },
    forward() {
      holdNew = false;
      for (const pair of pairs) for (const s of pair) s.resume();
    },
    get open() {
      return pairs.size;
    },
    async close() {
      for (const pair of pairs) for (const s of pair) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
