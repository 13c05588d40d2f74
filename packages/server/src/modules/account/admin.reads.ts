/** The administrator's list of accounts (`accounts`): who, in which role and state, locked or not, and their scopes. */
import type pg from 'pg';
import type { AccountRole } from '../../domain/enums.js';
import { badInput, Reason } from '../../errors.js';
import { EMPTY_PAGE, type ConnectionShape } from '../../graphql/connection.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { asDate } from './account.common.js';
import { ACCOUNTS_MAX_PAGE, type AccountsFilter, type ManagedAccount, type ManagedScope } from './admin.types.js';
import { TODAY_SQL } from '../../domain/dates.js';

interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  role: AccountRole;
  disabled: boolean;
  must_change_password: boolean;
  audit_reader: boolean;
  password_set_at: Date | string;
  last_sign_in_at: Date | string | null;
  locked_until: Date | string | null;
  sort_key: string;
}

const COLUMNS = `a.id, a.username, a.display_name, a.role, a.disabled, a.must_change_password, a.audit_reader, a.password_set_at,
  (select max(s.created_at) from account_session s where s.account_id = a.id) as last_sign_in_at,
  (select l.locked_until from sign_in_lock l where l.scope = 'account' and l.key = lower(a.username) and l.locked_until > now()) as locked_until,
  lower(a.username) as sort_key`;

const FILTER = `($1::text is null or a.username ilike $1 escape '\\' or a.display_name ilike $1 escape '\\')
  and ($2::text is null or a.role = $2) and ($3::boolean is null or a.disabled = $3)`;

const cursorOf = (r: { sort_key: string; id: number }) => Buffer.from(JSON.stringify([r.sort_key, r.id]), 'utf8').toString('base64url');

function parseCursor(after: string | null | undefined): [string, number] | null {
  if (after == null) return null;
  try {
    const v = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && Number.isSafeInteger(v[1])) return [v[0], v[1] as number];
  } catch {
    // not JSON: refused below
  }
  throw badInput(Reason.cursorInvalid, ['accounts', 'after'], '游标无效', 'invalid cursor');
}

/** The scopes of some accounts (ended ones too), by account. */
async function scopesOf(pool: pg.Pool, ids: number[]): Promise<Map<number, ManagedScope[]>> {
  const { rows } = await pool.query<{
    id: number;
    account_id: number;
    organization_id: number | null;
    name: string | null;
    code: string | null;
    starts_on: string;
    ends_on: string | null;
    current: boolean;
  }>(
    `select sc.id, sc.account_id, sc.organization_id, o.name, o.code, sc.starts_on::text, sc.ends_on::text,
            (sc.starts_on <= ${TODAY_SQL} and (sc.ends_on is null or sc.ends_on >= ${TODAY_SQL})) as current
       from account_scope sc left join organization o on o.id = sc.organization_id
      where sc.account_id = any($1::int[]) order by sc.starts_on, sc.id`,
    [ids],
  );
  const by = new Map<number, ManagedScope[]>(ids.map((id) => [id, []]));
  for (const r of rows)
    by.get(r.account_id)!.push({
      id: toGlobalId('AccountScope', r.id),
      organizationId: r.organization_id === null ? null : toGlobalId('Organization', r.organization_id),
      organizationName: r.name,
      organizationCode: r.code,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      current: r.current,
    });
  return by;
}

const viewOfRow = (r: AccountRow, scopes: ManagedScope[]): ManagedAccount => ({
  id: toGlobalId('Account', r.id),
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  disabled: r.disabled,
  mustChangePassword: r.must_change_password,
  auditReader: r.audit_reader,
  passwordChangedAt: asDate(r.password_set_at),
  lastSignInAt: r.last_sign_in_at === null ? null : asDate(r.last_sign_in_at),
  lockedUntil: r.locked_until === null ? null : asDate(r.locked_until),
  scopes,
});

/** One account as the administrator sees it (after a change), or null. */
export async function managedAccount(pool: pg.Pool, id: number): Promise<ManagedAccount | null> {
  const { rows } = await pool.query<AccountRow>(`select ${COLUMNS} from account a where a.id = $1`, [id]);
  if (!rows[0]) return null;
  return viewOfRow(rows[0], (await scopesOf(pool, [id])).get(id)!);
}

/** A character PostgreSQL's text cannot hold: refused with the field's path before any statement. */
export const NUL = { zh: '含有无法保存的字符（\\u0000）', en: 'holds a character text cannot hold (\\u0000)' };

function filterValues(filter: AccountsFilter | null | undefined): unknown[] {
  const search = filter?.search?.trim();
  if (search && search.length > 100)
    throw badInput(Reason.inputTooLong, ['accounts', 'filter', 'search'], '最多 100 个字符', 'at most 100 characters');
  if (search?.includes('\0')) throw badInput(Reason.inputInvalidCharacter, ['accounts', 'filter', 'search'], NUL.zh, NUL.en);
  return [search ? `%${search.replace(/[\\%_]/g, '\\$&')}%` : null, filter?.role ?? null, filter?.disabled ?? null];
}

/** A page of accounts, by username (any case), `first` at most ACCOUNTS_MAX_PAGE. */
export async function listAccounts(
  pool: pg.Pool,
  filter: AccountsFilter | null | undefined,
  first: number,
  after: string | null | undefined,
): Promise<ConnectionShape<ManagedAccount>> {
  if (!Number.isInteger(first) || first < 1 || first > ACCOUNTS_MAX_PAGE)
    throw badInput(
      Reason.paginationRange,
      ['accounts', 'first'],
      `first 须为 1–${ACCOUNTS_MAX_PAGE}`,
      `first must be 1–${ACCOUNTS_MAX_PAGE}`,
    );
  const values = filterValues(filter);
  const cursor = parseCursor(after);
  const { rows } = await pool.query<AccountRow>(
    `select ${COLUMNS} from account a where ${FILTER} and ($4::text is null or (lower(a.username), a.id) > ($4, $5::int))
      order by lower(a.username), a.id limit $6`,
    [...values, cursor?.[0] ?? null, cursor?.[1] ?? null, first + 1],
  );
  const page = rows.slice(0, first);
  const scopes = await scopesOf(
    pool,
    page.map((r) => r.id),
  );
  const nodes = page.map((r) => viewOfRow(r, scopes.get(r.id)!));
  const edges = page.map((r, i) => ({ cursor: cursorOf(r), node: nodes[i] }));
  return {
    nodes,
    edges,
    pageInfo: edges.length
      ? {
          hasNextPage: rows.length > first,
          hasPreviousPage: cursor !== null,
          startCursor: edges[0].cursor,
          endCursor: edges.at(-1)!.cursor,
        }
      : { ...EMPTY_PAGE, hasPreviousPage: cursor !== null },
    // Counted with the page (a handful of accounts): graphql-jit reads a connection's fields without awaiting them.
    totalCount: (await pool.query<{ n: number }>(`select count(*)::int as n from account a where ${FILTER}`, values)).rows[0].n,
  };
}
