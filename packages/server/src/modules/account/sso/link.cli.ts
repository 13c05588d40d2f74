/**
 * `pnpm user:link <username> --provider oidc|cas|ldap --subject <id>` links an external identity to an
 * account (that identity then signs into it); `--unlink` removes the link (with --subject, that one; without,
 * every link of that provider) and ends the account's sessions that provider opened. Audited as the CLI.
 */
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { inTransaction } from '../../../db/transaction.js';
import { auditAccount } from '../account.common.js';
import type { CliIo, OpenDatabase } from '../account.cli.js';
import { accountChanged } from '../sessions.js';
import { PROVIDERS, type Provider } from './identity.entity.js';
import { SUBJECT_MAX } from './identities.js';

export const LINK_USAGE =
  'usage: pnpm user:link USERNAME --provider oidc|cas|ldap --subject ID      link an identity to an account\n' +
  '       pnpm user:link USERNAME --provider oidc|cas|ldap [--subject ID] --unlink   remove the link(s)\n' +
  '  ID: the OIDC subject claim (HUB_OIDC_SUBJECT_CLAIM, default sub), the CAS user, or the LDAP DN (or HUB_LDAP_SUBJECT_ATTRIBUTE)';

const ACTOR = 'cli:user:link';

interface LinkArgs {
  username: string;
  provider: Provider;
  subject: string | undefined;
  unlink: boolean;
}

/** The arguments, or the reason they are wrong. */
function parse(argv: string[]): LinkArgs | string {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        provider: { type: 'string' },
        subject: { type: 'string' },
        unlink: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
    });
  } catch (err) {
    return (err as Error).message;
  }
  const { values, positionals } = parsed;
  if (values.help) return '';
  if (positionals.length !== 1) return 'name exactly one account (its username)';
  const provider = PROVIDERS.find((p) => p === values.provider?.toLowerCase());
  if (!provider) return `--provider must be one of ${PROVIDERS.join(', ')}`;
  const subject = values.subject?.trim();
  if (subject !== undefined && (!subject || subject.length > SUBJECT_MAX || /\p{Cc}/u.test(subject)))
    return `--subject must be 1–${SUBJECT_MAX} characters without control characters`;
  if (!values.unlink && subject === undefined) return '--subject is required to link';
  return { username: positionals[0], provider, subject, unlink: values.unlink };
}

/** Runs `fn` in one transaction on a connection of its own. */
async function transact<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransaction(client, () => fn(client));
  } finally {
    client.release();
  }
}

async function link(db: pg.Pool, io: CliIo, a: LinkArgs, account: { id: number; username: string }): Promise<number> {
  const { rows } = await db.query<{ account_id: number; username: string }>(
    `select i.account_id, a.username from account_identity i join account a on a.id = i.account_id where i.provider = $1 and i.subject = $2`,
    [a.provider, a.subject],
  );
  if (rows[0]) {
    const same = rows[0].account_id === account.id;
    const say = same ? (line: string) => io.out(line) : (line: string) => io.err(line);
    say(`${a.provider} subject "${a.subject}" is already linked to "${rows[0].username}"${same ? '' : ': unlink it there first'}`);
    return same ? 0 : 1;
  }
  await transact(db, async (c) => {
    await c.query(`insert into account_identity (provider, subject, account_id) values ($1, $2, $3)`, [a.provider, a.subject, account.id]);
    await auditAccount(c, ACTOR, 'account.identity_link', account.id, { provider: a.provider, subject: a.subject });
  });
  io.out(`linked ${a.provider} subject "${a.subject}" to "${account.username}": it signs in to this account, with its role and scope`);
  return 0;
}

async function unlink(db: pg.Pool, io: CliIo, a: LinkArgs, account: { id: number; username: string }): Promise<number> {
  const removed = await transact(db, async (c) => {
    const { rows } = await c.query<{ subject: string }>(
      `delete from account_identity where account_id = $1 and provider = $2 and ($3::text is null or subject = $3) returning subject`,
      [account.id, a.provider, a.subject ?? null],
    );
    if (!rows.length) return [];
    await c.query(`update account_session set revoked_at = now() where account_id = $1 and provider = $2 and revoked_at is null`, [
      account.id,
      a.provider,
    ]);
    await accountChanged(c, account.id);
    await auditAccount(c, ACTOR, 'account.identity_unlink', account.id, { provider: a.provider, subjects: rows.map((r) => r.subject) });
    return rows.map((r) => r.subject);
  });
  if (!removed.length) {
    io.err(`"${account.username}" has no ${a.provider} link${a.subject === undefined ? '' : ` with subject "${a.subject}"`}`);
    return 1;
  }
  io.out(`unlinked ${a.provider} ${removed.map((s) => `"${s}"`).join(', ')} from "${account.username}"; its ${a.provider} sessions ended`);
  return 0;
}

/** Runs the command; its exit code (0 done, 1 refused or failed, 2 bad arguments). */
export async function userLink(argv: string[], io: CliIo, open: OpenDatabase): Promise<number> {
  const a = parse(argv);
  if (typeof a === 'string') {
    if (a) io.err(`${a}\n${LINK_USAGE}`);
    else io.out(LINK_USAGE);
    return a ? 2 : 0;
  }
  let db: Awaited<ReturnType<OpenDatabase>>;
  try {
    db = await open();
  } catch (err) {
    io.err(`cannot open the database, nothing was changed: ${(err as Error).message}`);
    return 1;
  }
  try {
    const { rows } = await db.pool.query<{ id: number; username: string }>(
      `select id, username from account where lower(username) = lower($1)`,
      [a.username],
    );
    if (!rows[0]) {
      io.err(`no account is named "${a.username}" (create it first: pnpm user:create)`);
      return 1;
    }
    return await (a.unlink ? unlink : link)(db.pool, io, a, rows[0]);
  } finally {
    await db.close();
  }
}
