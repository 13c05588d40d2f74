/**
 * What a start tells the person who started it about signing in: the demo accounts' one-time links on the
 * embedded demo database, and a warning when the hub serves beyond this machine without TLS.
 */
import pg from 'pg';
import { DEMO_LINK_TTL_MS, demoLinks, type DemoLink } from '../modules/account/index.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Issues a new one-time link per demo account (the start before's links stop working). */
export async function issueDemoLinks(url: string): Promise<DemoLink[]> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    return await demoLinks(pool);
  } finally {
    await pool.end();
  }
}

/** The links as the start prints them, on this machine's loopback address (they open from nowhere else). */
export function demoLinksText(links: readonly DemoLink[], port: number): string {
  const hours = DEMO_LINK_TTL_MS / 3_600_000;
  return (
    `demo sign-in: open one link on this machine (each works once, for ${hours} h; the next start prints new ones) / ` +
    `演示账号一次性登录链接（仅限本机打开，每个只能用一次，${hours} 小时内有效）:\n` +
    links.map((l) => `    ${l.label}: http://127.0.0.1:${port}${l.path}`).join('\n')
  );
}

/** The hub speaks plain HTTP: beyond loopback, passwords and session cookies cross the network in clear. */
export function warnWithoutTls(host: string, log: (m: string) => void): void {
  if (LOOPBACK_HOSTS.has(host)) return;
  log(
    `warning: serving ${host} without TLS: passwords, session cookies and tokens cross the network in clear; put a TLS proxy in front ` +
      `and name it in HUB_TRUSTED_PROXIES (警告：未启用 TLS，密码、会话与令牌在网络上明文传输，请在前面加 TLS 反向代理，并写入 HUB_TRUSTED_PROXIES)`,
  );
}
