/**
 * The embedded demo database's accounts, one per role, whose passwords nobody knows (a random value hashed
 * and forgotten): they are entered only by the one-time links each start prints, from this machine, within
 * 24 hours. A start voids the links of the start before.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { AccountRole } from '../../domain/enums.js';
import { inTransaction } from '../../db/transaction.js';
import { auditAccount } from './account.common.js';
import { addScope } from './account.writes.js';
import { hashPassword } from './password.js';
import { issueLink, LINK_PATH, voidLinks } from './sign-in-links.js';

export const DEMO_LINK_TTL_MS = 24 * 3_600_000;

/** Where each demo account reaches: the first hospital's committee, or its first branch (none: an administrator). */
type DemoRoot = 'committee' | 'branch' | null;

export const DEMO_ACCOUNTS: readonly { username: string; role: AccountRole; displayName: string; label: string; root: DemoRoot }[] = [
  {
    username: 'demo-committee',
    role: AccountRole.COMMITTEE,
    displayName: '党办（演示）',
    label: '党委（党办） / committee',
    root: 'committee',
  },
  {
    username: 'demo-secretary',
    role: AccountRole.SECRETARY,
    displayName: '支部书记（演示）',
    label: '支部书记 / branch secretary',
    root: 'branch',
  },
  { username: 'demo-analyst', role: AccountRole.ANALYST, displayName: '分析人员（演示）', label: '分析人员 / analyst', root: 'committee' },
  { username: 'demo-admin', role: AccountRole.ADMIN, displayName: '系统管理员（演示）', label: '系统管理员 / administrator', root: null },
];

export interface DemoLink {
  username: string;
  role: AccountRole;
  label: string;
  /** The link's path (`/auth/link/<token>`), to be put after the hub's loopback address. */
  path: string;
}

/** Creates the demo accounts that are missing (with unknowable passwords) and issues each a new link. */
export async function demoLinks(pool: pg.Pool): Promise<DemoLink[]> {
  // One hash for every account created now: of 32 random bytes nobody keeps.
  const unknowable = await hashPassword(randomBytes(32).toString('base64url'));
  const db = await pool.connect();
  try {
    return await inTransaction(db, () => issueAll(db, unknowable));
  } finally {
    db.release();
  }
}

/** The first committee, or the first branch, of the demo data. */
async function demoRoot(db: pg.PoolClient, kind: 'committee' | 'branch'): Promise<number> {
  const { rows } = await db.query<{ id: number }>(`select id from organization where kind = $1 order by id limit 1`, [kind]);
  if (!rows[0]) throw new Error(`the demo data has no ${kind}`);
  return rows[0].id;
}

async function issueAll(db: pg.PoolClient, unknowable: string): Promise<DemoLink[]> {
  const links: DemoLink[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const { rows } = await db.query<{ id: number; created: boolean }>(
      `with made as (
           insert into account (username, display_name, role, password_hash, must_change_password)
           values ($1, $2, $3, $4, false) on conflict do nothing returning id)
         select id, true as created from made union all select id, false from account where lower(username) = $1`,
      [a.username, a.displayName, a.role, unknowable],
    );
    const { id, created } = rows[0];
    if (created) await auditAccount(db, 'hub:demo', 'account.create', id, { username: a.username, role: a.role, demo: true });
    // A demo account without a scope (new, or made before scopes were) reaches its part of the demo data.
    const { rowCount } = await db.query(`select 1 from account_scope where account_id = $1`, [id]);
    if (a.root && !rowCount) await addScope(db, id, [await demoRoot(db, a.root)], 'hub:demo');
    await voidLinks(db, [id]);
    links.push({ username: a.username, role: a.role, label: a.label, path: LINK_PATH + (await issueLink(db, id, DEMO_LINK_TTL_MS)) });
  }
  return links;
}
