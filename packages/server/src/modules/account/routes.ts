/**
 * The account module's plain HTTP pages, outside GraphQL:
 * - `GET /auth/link/<token>`: a one-time sign-in link (sign-in-links.ts): from this machine only; sets the
 *   session cookie and goes to the dashboard, or says why not;
 * - `GET /auth/display/<token>`: a wall display's one-time link (display-links.ts): from any address; makes the
 *   display's read-only token, sets the `hub_display` cookie and goes to the display's page, or says why not;
 * - `/setup`: the first administrator of a database that has none, from this machine only, with a
 *   same-origin form (the same password policy as everywhere). Once one exists the page says so and
 *   creates nothing.
 * Pages are plain HTML (no script), under the hub's content security policy.
 */
import express from 'express';
import type pg from 'pg';
import type { AuthSettings } from '../../config.js';
import { HubError } from '../../errors.js';
import { auditAccount } from './account.common.js';
import { createAccount } from './account.writes.js';
import type { AdminCheck } from './admin-check.js';
import { DISPLAY_COOKIE, namedCookieValue, setCookieValue } from './cookie.js';
import { DISPLAY_PATH, openDisplayLink } from './display-links.js';
import { clientAddress, overTls, type TrustedProxies } from './proxy.js';
import { isLoopback, LINK_PATH, useLink } from './sign-in-links.js';
import { openSession } from './sessions.js';
import { AccountRole } from '../../domain/enums.js';

export interface AccountRoutes {
  pool: pg.Pool;
  settings: AuthSettings;
  admins: AdminCheck;
  /** Whether a browser's Origin header (when it sent one) is the hub's own (http/security.ts). */
  sameOrigin(req: express.Request): boolean;
  /** Proxies trusted to name the client (HUB_TRUSTED_PROXIES): "this machine only" means the client's machine, not the proxy's. */
  proxies?: TrustedProxies;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(res: express.Response, status: number, title: string, body: string): void {
  res
    .status(status)
    .set('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
        `<title>${escape(title)}</title><style>body{font:16px/1.6 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}` +
        `label{display:block;margin:.8rem 0 .2rem}input{font:inherit;width:100%;padding:.4rem}button{font:inherit;margin-top:1rem;padding:.4rem 1.2rem}` +
        `.problem{color:#b3261e}code{background:#eee;padding:0 .2rem}</style></head><body><h1>${escape(title)}</h1>${body}</body></html>`,
    );
}

const thisMachineOnly = (res: express.Response) =>
  page(
    res,
    403,
    '仅限服务器本机 / This machine only',
    '<p>此页面只能在运行本服务的计算机上打开。</p><p>This page opens only on the computer the hub runs on.</p>',
  );

async function openLink(o: AccountRoutes, req: express.Request, res: express.Response): Promise<void> {
  const address = clientAddress(req, o.proxies);
  if (!isLoopback(address)) return thisMachineOnly(res);
  const accountId = await useLink(o.pool, String(req.params.token));
  if (accountId === null)
    return page(
      res,
      410,
      '链接已失效 / Link no longer valid',
      '<p>一次性登录链接已用过或已过期。重新启动服务会打印新的链接，或使用账号密码登录。</p>' +
        '<p>This one-time sign-in link was used or has expired. Starting the hub again prints new links; or sign in with a username and password.</p>' +
        '<p><a href="/signin">登录 / Sign in</a></p>',
    );
  const session = await openSession(o.pool, o.settings.session, accountId, { address, userAgent: req.headers['user-agent'] ?? null });
  res.append('set-cookie', setCookieValue(session.token, overTls(req, o.proxies), o.settings.session.absoluteMs));
  await auditAccount(o.pool, `account:${accountId}`, 'auth.sign_in_link', accountId, { address });
  res.status(303).set('cache-control', 'no-store').location('/').end();
}

const DAY_MS = 86_400_000;

/** A wall display's link, opened in the TV's browser: the display's cookie, then its page. */
async function openDisplay(o: AccountRoutes, req: express.Request, res: express.Response): Promise<void> {
  const address = clientAddress(req, o.proxies);
  let opened: Awaited<ReturnType<typeof openDisplayLink>>;
  try {
    opened = await openDisplayLink(o.pool, String(req.params.token), address);
  } catch (err) {
    if (!(err instanceof HubError)) throw err;
    const problems = (err.extensions.problems as { zh: string; en: string }[] | undefined) ?? [];
    const words = problems.length ? problems : [{ zh: err.message, en: '' }];
    return page(
      res,
      409,
      '大屏未能开启 / The display was not opened',
      words.map((p) => `<p>${escape(p.zh)}</p><p>${escape(p.en)}</p>`).join(''),
    );
  }
  if (!opened)
    return page(
      res,
      410,
      '链接已失效 / Link no longer valid',
      '<p>大屏链接已用过或已过期（链接只能打开一次，24 小时内有效）。请在看板的“令牌”页重新生成大屏链接，或使用账号密码登录。</p>' +
        '<p>This wall display link was used or has expired (a link opens once, within 24 hours). Make a new one on the dashboard’s Tokens page, or sign in with a username and password.</p>' +
        '<p><a href="/signin">登录 / Sign in</a></p>',
    );
  res.append('set-cookie', namedCookieValue(DISPLAY_COOKIE, opened.secret, overTls(req, o.proxies), opened.days * DAY_MS));
  res.status(303).set('cache-control', 'no-store').location(opened.path).end();
}

const SETUP_FORM = (problems: string[], username = '') =>
  (problems.length ? `<ul class="problem" role="alert">${problems.map((p) => `<li>${escape(p)}</li>`).join('')}</ul>` : '') +
  `<p>本数据库还没有系统管理员。创建第一个管理员账号（也可在服务器上运行 <code>pnpm user:create --role admin --username 用户名</code>）。</p>` +
  `<p>This database has no administrator yet. Create the first one (or run <code>pnpm user:create --role admin --username NAME</code> on the server).</p>` +
  `<form method="post" action="/setup">` +
  `<label for="u">用户名 / Username</label><input id="u" name="username" autocomplete="username" required value="${escape(username)}">` +
  `<label for="p">密码 / Password（8–256 个字符，含小写、大写、数字、符号中的三类，不含用户名，不是常见密码 / 8–256 characters, three of lower, upper, digits, symbols, not the username, not a common password）</label>` +
  `<input id="p" name="password" type="password" autocomplete="new-password" required>` +
  `<label for="r">再输入一次 / Repeat</label><input id="r" name="repeat" type="password" autocomplete="new-password" required>` +
  `<button type="submit">创建管理员 / Create the administrator</button></form>`;

const ADMIN_EXISTS =
  '<p>本数据库已有系统管理员；账号由管理员管理（<code>pnpm user:create</code>）。</p><p>This database has an administrator; accounts are managed by administrators (<code>pnpm user:create</code>).</p>';

async function setup(o: AccountRoutes, req: express.Request, res: express.Response): Promise<void> {
  const address = clientAddress(req, o.proxies);
  if (!isLoopback(address)) return thisMachineOnly(res);
  const title = '首次设置 / First setup';
  if (await o.admins.exists()) return page(res, 200, title, ADMIN_EXISTS);
  if (req.method === 'GET') return page(res, 200, title, SETUP_FORM([]));
  if (!o.sameOrigin(req)) return page(res, 403, title, '<p class="problem">跨站提交被拒绝 / A cross-site form was refused.</p>');
  const body = (req.body ?? {}) as Record<string, unknown>;
  const [username, password, repeat] = ['username', 'password', 'repeat'].map((k) => (typeof body[k] === 'string' ? body[k] : ''));
  if (password !== repeat) return page(res, 400, title, SETUP_FORM(['两次输入的密码不一致 / the two passwords differ'], username));
  try {
    const id = await createAccount(o.pool, { username: username.trim(), role: AccountRole.ADMIN, password }, `setup:${address}`);
    // Chosen here by the person who will use it, not set for somebody else: nothing to change at first sign-in.
    await o.pool.query(`update account set must_change_password = false where id = $1`, [id]);
  } catch (err) {
    if (!(err instanceof HubError)) throw err;
    const problems = (err.extensions.problems as { zh: string; en: string }[] | undefined) ?? [{ zh: err.message, en: '' }];
    return page(
      res,
      400,
      title,
      SETUP_FORM(
        problems.map((p) => `${p.zh} / ${p.en}`),
        username,
      ),
    );
  }
  return page(
    res,
    201,
    title,
    `<p>管理员 <b>${escape(username.trim())}</b> 已创建。请用 <code>pnpm user:create --role committee --username 用户名</code> 创建党办账号，然后<a href="/signin">登录</a>。</p>` +
      `<p>The administrator <b>${escape(username.trim())}</b> was created. Create the committee's accounts with <code>pnpm user:create --role committee --username NAME</code>, then <a href="/signin">sign in</a>.</p>`,
  );
}

/** Mounts the link and setup pages. */
export function accountRoutes(o: AccountRoutes): express.Router {
  const router = express.Router();
  const handle =
    (fn: (o: AccountRoutes, req: express.Request, res: express.Response) => Promise<void>) =>
    (req: express.Request, res: express.Response, next: express.NextFunction) =>
      fn(o, req, res).catch(next);
  router.get(`${LINK_PATH}:token`, handle(openLink));
  router.get(`${DISPLAY_PATH}:token`, handle(openDisplay));
  router.get('/setup', handle(setup));
  router.post('/setup', express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 }), handle(setup));
  return router;
}
