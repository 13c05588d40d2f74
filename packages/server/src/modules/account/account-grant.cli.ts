/**
 * `pnpm user:grant --audit USERNAME [--revoke]`: gives (or takes) the audit grant (审计管理员: reads and exports the
 * audit log). Only here, on the server's command line: no GraphQL operation changes it, so a system administrator
 * cannot grant it to themself. The change is audited and the account's sessions read it again at once.
 */
import { parseArgs } from 'node:util';
import { auditAccount } from './account.common.js';
import type { CliIo, OpenDatabase } from './account.cli.js';
import { accountChanged } from './sessions.js';

export const GRANT_USAGE =
  'usage: pnpm user:grant --audit USERNAME [--revoke]\n  gives (--revoke: takes) the audit grant: reading and exporting the audit log';

function parse(argv: string[]) {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  return parseArgs({
    args,
    options: {
      audit: { type: 'string' },
      revoke: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  }).values;
}

/** Runs the command; its exit code (0 done, 1 no such account or failed, 2 bad arguments). */
export async function userGrant(argv: string[], io: CliIo, open: OpenDatabase): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    io.err(`${(err as Error).message}\n${GRANT_USAGE}`);
    return 2;
  }
  if (args.help) return (io.out(GRANT_USAGE), 0);
  if (!args.audit) return (io.err(`--audit USERNAME is required\n${GRANT_USAGE}`), 2);
  const grant = !args.revoke;
  const db = await open();
  try {
    const { rows } = await db.pool.query<{ id: number; username: string; was: boolean }>(
      `update account a set audit_reader = $2, updated_at = now() from (select id, audit_reader as was from account where lower(username) = lower($1)) o
        where a.id = o.id returning a.id, a.username, o.was`,
      [args.audit, grant],
    );
    const row = rows[0];
    if (!row) return (io.err(`no account is named "${args.audit}": nothing was changed`), 1);
    await auditAccount(db.pool, 'cli:user:grant', grant ? 'account.audit_grant' : 'account.audit_revoke', row.id, {
      username: row.username,
      before: row.was,
      after: grant,
    });
    await accountChanged(db.pool, row.id);
    io.out(
      `${grant ? 'gave' : 'took'} the audit grant ${grant ? 'to' : 'from'} "${row.username}"${row.was === grant ? ' (it already was so)' : ''}`,
    );
    return 0;
  } finally {
    await db.close();
  }
}
