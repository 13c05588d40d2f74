/**
 * Who may run an operation at all, decided from the document before any SQL, on HTTP and WebSocket alike:
 * - nobody signed in: only `signIn`, `signOut`, `me` (null) and `__typename` (auth/required, 401);
 * - a password that must change (set by an administrator, or expired): only `me`, `signOut`,
 *   `changePassword` (auth/password_change_required, 403);
 * - by role, from the types the operation reaches (every field, fragment and nested connection, so a list
 *   nested under an organisation is refused as the root list is): an analyst reaches no person rows and
 *   writes nothing; an administrator reaches reference data, its own account, the accounts it manages and
 *   the audit log's types (the audit grant is the resolver's to check) (auth/forbidden, 403);
 * - the administrator's operations (ADMIN_ROOTS) are refused to every other role;
 * - a personal access token (tokens.ts) passes as its account does, but may only read: any mutation is
 *   refused (auth/read_only_token, 403), its own account's included (no token makes tokens or changes a password);
 * - a wall display (display-links.ts: a token in the `hub_display` cookie) is such a token, but may sign out
 *   (`signOut` revokes its token), so that a TV can be left;
 * - an administrator makes no display link (a display shows Party data, which it does not read).
 * Committee members and branch secretaries pass here; which organisations they reach is the scope's
 * business, inside the statements.
 *
 * The decision depends on the document and the account's state only, so it is kept per document (Apollo
 * and this module reuse parsed documents) and state.
 */
import {
  getNamedType,
  isCompositeType,
  Kind,
  OperationTypeNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { SignedIn } from '../../context.js';
import { AccountRole } from '../../domain/enums.js';
import { ErrorCode, HubError, Reason } from '../../errors.js';
import { authRequired } from './account.common.js';

/** Root fields anybody may ask for (signing out without a session only clears the cookie). */
const ANONYMOUS = new Set(['signIn', 'signOut', 'me', '__typename']);
/** Root fields of an account that must change its password first (and every signed-in account's own). */
const OWN_ACCOUNT = new Set(['me', 'signIn', 'signOut', 'changePassword', '__typename']);
/** What every signed-in account may do with its own account whatever its role: the above, and its personal access tokens. */
const SELF_SERVICE = new Set([...OWN_ACCOUNT, 'apiTokens', 'createApiToken', 'revokeApiToken', 'createDisplayLink']);
/** What a wall display may do besides reading: leave (its token is revoked, its cookie cleared). */
const DISPLAY_WRITES = new Set(['signOut', '__typename']);

/** How a request is signed in: a session, a personal access token (a bearer), or a wall display's token (its cookie). */
export type Credential = 'session' | 'token' | 'display';

/** Rows about one person: their lists, nested connections and `node` answers are facts no analyst sees. */
export const PERSON_TYPES: ReadonlySet<string> = new Set([
  'Member',
  'Attendance',
  'DevelopmentEvent',
  'DevelopmentSpan',
  'Position',
  'Membership',
  'Assessment',
  'EthicsEvent',
]);

/**
 * What an analyst never reaches: people's rows; `Node` (node, nodes), which may be any row, a person's
 * included; and an indicator's evidence records (attendance, development steps … one per person and
 * event): its counts (`totalCount`, numerator, denominator) stay open.
 */
export const ANALYST_BARRED: ReadonlySet<string> = new Set([...PERSON_TYPES, 'Node', 'EvidenceRecord']);

/** Reference data every role reads (the tree's names, hospitals, departments, surveys, the catalog) and one's own account. */
export const REFERENCE_TYPES: ReadonlySet<string> = new Set([
  'Query',
  'Mutation',
  'Hospital',
  'HospitalConnection',
  'HospitalEdge',
  'Organization',
  'OrganizationConnection',
  'OrganizationEdge',
  'Department',
  'DepartmentConnection',
  'DepartmentEdge',
  'BranchDepartment',
  'BranchDepartmentConnection',
  'BranchDepartmentEdge',
  'Survey',
  'SurveyConnection',
  'SurveyEdge',
  'PageInfo',
  'IndicatorDefinition',
  'IndicatorTargetInfo',
  'IndexComponentInfo',
  'IndexWeights',
  'IndexWeight',
  'LocalizedText',
  'DataRange',
  'SignedInAccount',
  'ApiToken',
  'CreatedApiToken',
  'CreatedDisplayLink',
]);

/** The administrator's root fields (admin.resolver.ts): role admin only, refused to every other role. */
export const ADMIN_ROOTS: ReadonlySet<string> = new Set([
  'accounts',
  'createAccount',
  'setAccountDisabled',
  'setAccountRole',
  'resetPassword',
  'addScope',
  'endScope',
  'unlock',
]);

/** What they answer: accounts and their scopes (an organisation's name and code as text, no Party data). */
export const ADMIN_TYPES: ReadonlySet<string> = new Set([
  'ManagedAccount',
  'ManagedAccountConnection',
  'ManagedAccountEdge',
  'ManagedScope',
]);

/** The audit log's types (`auditLog`): any role may reach them here; the audit grant is checked by the resolver. */
export const AUDIT_TYPES: ReadonlySet<string> = new Set(['AuditEntry', 'AuditEntryConnection', 'AuditEntryEdge']);

/** Everything an administrator may reach: reference data, its own account, the accounts it manages, the audit log (with the grant). */
export const ADMIN_REACHES: ReadonlySet<string> = new Set([...REFERENCE_TYPES, ...ADMIN_TYPES, ...AUDIT_TYPES]);

export type GateState = 'anonymous' | 'password_change' | AccountRole;

/** The state the gate decides on: an expired password counts as one that must change. */
export function gateState(account: SignedIn | null, passwordMaxDays: number, now = Date.now()): GateState {
  if (!account) return 'anonymous';
  if (account.provider) return account.role; // signed in by an identity provider: the local password is not in use
  const expired = passwordMaxDays > 0 && account.passwordSetAt.getTime() + passwordMaxDays * 86_400_000 <= now;
  return account.mustChangePassword || expired ? 'password_change' : account.role;
}

const readOnlyToken = () =>
  new HubError({
    code: ErrorCode.forbidden,
    reason: Reason.authReadOnlyToken,
    zh: '个人访问令牌只能读取：不能写入数据，也不能创建令牌或修改密码（请登录后操作）',
    en: 'a personal access token may only read: it cannot write data, make tokens or change a password (sign in for that)',
    status: 403,
  });

const noDisplayForAdmin = () =>
  new HubError({
    code: ErrorCode.forbidden,
    reason: Reason.authForbidden,
    zh: '系统管理员账号不能创建大屏链接（大屏显示党建数据，管理员不读取）',
    en: 'an admin account may not make a wall display link (a display shows Party data, which an administrator does not read)',
    status: 403,
  });

const passwordChangeRequired = () =>
  new HubError({
    code: ErrorCode.forbidden,
    reason: Reason.authPasswordChange,
    zh: '请先修改密码（管理员设置的密码或已过期的密码须在使用前修改）',
    en: 'change your password first (one an administrator set, or one that has expired, must be changed before use)',
    status: 403,
  });

const forbidden = (role: AccountRole, what: string) =>
  new HubError({
    code: ErrorCode.forbidden,
    reason: Reason.authForbidden,
    zh: `${ROLE_ZH[role]}账号不能${what === 'write' ? '写入数据' : `读取 ${what}`}`,
    en: `a${role === AccountRole.ADMIN || role === AccountRole.ANALYST ? 'n' : ''} ${role} account may not ${what === 'write' ? 'write data' : `read ${what}`}`,
    status: 403,
  });

const adminOnly = (role: AccountRole) =>
  new HubError({
    code: ErrorCode.forbidden,
    reason: Reason.authForbidden,
    zh: `${ROLE_ZH[role]}账号不能管理账号（仅系统管理员）`,
    en: `a${role === AccountRole.ANALYST ? 'n' : ''} ${role} account may not manage accounts (admin only)`,
    status: 403,
  });

const ROLE_ZH: Record<AccountRole, string> = {
  [AccountRole.COMMITTEE]: '党委（党办）',
  [AccountRole.SECRETARY]: '支部书记',
  [AccountRole.ANALYST]: '分析人员',
  [AccountRole.ADMIN]: '系统管理员',
};

/**
 * A subscription field whose type is the Query type (modules/indicator/live-query.ts): the Query fields it
 * selects are root fields as well, gated as a query's are.
 */
const QUERY_INSIDE = 'live';

/** An operation's root field names (through fragments on the root type, and through a live subscription's selection). */
function rootFields(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const names: string[] = [];
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const seen = new Set<string>();
  const walk = (selections: OperationDefinitionNode['selectionSet']['selections']) => {
    for (const s of selections) {
      if (s.kind === Kind.FIELD) {
        names.push(s.name.value);
        if (operation.operation === OperationTypeNode.SUBSCRIPTION && s.name.value === QUERY_INSIDE && s.selectionSet)
          walk(s.selectionSet.selections);
      } else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet.selections);
      else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const f = fragments.get(s.name.value);
        if (f) walk(f.selectionSet.selections);
      }
    }
  };
  walk(operation.selectionSet.selections);
  return names;
}

/** The first composite type the document reaches that the role may not (a field's type or a fragment's condition). */
function firstBarredType(schema: GraphQLSchema, document: DocumentNode, allowed: (type: string) => boolean): string | null {
  const typeInfo = new TypeInfo(schema);
  let barred: string | null = null;
  const check = () => {
    const type = typeInfo.getType();
    const named = type ? getNamedType(type) : null;
    if (named && isCompositeType(named) && !allowed(named.name)) barred ??= named.name;
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: check,
      InlineFragment: check,
      FragmentDefinition: check,
    }),
  );
  return barred;
}

type Refusal = (() => HubError) | null;

function decide(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, state: GateState): Refusal {
  const roots = rootFields(document, operation);
  if (state === 'anonymous') return roots.every((f) => ANONYMOUS.has(f)) ? null : authRequired;
  if (state === 'password_change') return roots.every((f) => OWN_ACCOUNT.has(f)) ? null : passwordChangeRequired;
  if (state !== AccountRole.ADMIN && roots.some((f) => ADMIN_ROOTS.has(f))) return () => adminOnly(state);
  if (state === AccountRole.ADMIN && roots.includes('createDisplayLink')) return noDisplayForAdmin;
  if (state === AccountRole.COMMITTEE || state === AccountRole.SECRETARY) return null;
  const writes =
    state === AccountRole.ADMIN ? (f: string) => SELF_SERVICE.has(f) || ADMIN_ROOTS.has(f) : (f: string) => SELF_SERVICE.has(f);
  if (operation.operation === OperationTypeNode.MUTATION && !roots.every(writes)) return () => forbidden(state, 'write');
  const allowed = state === AccountRole.ADMIN ? (t: string) => ADMIN_REACHES.has(t) : (t: string) => !ANALYST_BARRED.has(t);
  const barred = firstBarredType(schema, document, allowed);
  return barred ? () => forbidden(state, barred) : null;
}

const decided = new WeakMap<OperationDefinitionNode, Map<GateState, Refusal>>();

/**
 * The refusal of an operation for an account state, or null when it may run. Decided once per parsed document
 * and state; a personal access token's mutation is refused before that, and so is a wall display's, but for
 * `signOut`.
 */
export function gate(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  state: GateState,
  credential: Credential = 'session',
): HubError | null {
  if (credential !== 'session' && operation.operation === OperationTypeNode.MUTATION) {
    const leaving = credential === 'display' && rootFields(document, operation).every((f) => DISPLAY_WRITES.has(f));
    if (!leaving) return readOnlyToken();
  }
  let byState = decided.get(operation);
  if (!byState) decided.set(operation, (byState = new Map()));
  if (!byState.has(state)) byState.set(state, decide(schema, document, operation, state));
  return byState.get(state)?.() ?? null;
}

export const noAdmin = () =>
  new HubError({
    code: ErrorCode.unavailable,
    reason: Reason.authNoAdmin,
    zh: '本数据库还没有系统管理员：请在服务器上运行 pnpm user:create --role admin --username 用户名，或在服务器本机打开 /setup 页面创建',
    en: 'this database has no administrator yet: run `pnpm user:create --role admin --username NAME` on the server, or open the /setup page on the server itself',
    status: 503,
  });

/** How an account was signed in, as the gate tells them apart. */
export const credentialOf = (account: SignedIn | null | undefined): Credential =>
  account?.display ? 'display' : account?.tokenId !== undefined ? 'token' : 'session';
