/**
 * Every error a client can see, in one module: a namespaced code ("area/reason"), a message in
 * Chinese and English, and where it applies (the argument path, e.g. "filter.heldOn.gte").
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  badInput: 'BAD_USER_INPUT',
  /** An operation refused before it runs (too deep, too costly …), as graphql-js's own validation errors. */
  validation: 'GRAPHQL_VALIDATION_FAILED',
  notFound: 'NOT_FOUND',
  /** A statement ran past HUB_STATEMENT_TIMEOUT and was cancelled; asking for less (or later) may work. */
  timeout: 'QUERY_TIMEOUT',
  /** PostgreSQL cannot be reached now (restarting, failing over): the same request may succeed later (HTTP 503, Retry-After). */
  unavailable: 'SERVICE_UNAVAILABLE',
  /** The request conflicts with what is stored (a duplicate, an idempotency key used for another request). */
  conflict: 'CONFLICT',
  /** Sign-in refused, or an operation that needs a signed-in account asked without one. */
  unauthenticated: 'UNAUTHENTICATED',
  /** Signed in, but this account's role (or its unchanged password) does not allow the operation. */
  forbidden: 'FORBIDDEN',
  internal: 'INTERNAL_SERVER_ERROR',
} as const;

export const Reason = {
  paginationRange: 'pagination/out_of_range',
  paginationBoth: 'pagination/first_and_last',
  cursorInvalid: 'pagination/invalid_cursor',
  idInvalid: 'id/invalid',
  idWrongType: 'id/wrong_type',
  orgNotFound: 'organization/not_found',
  filterInvalid: 'filter/invalid',
  filterTooDeep: 'filter/too_deep',
  orderInvalid: 'order/invalid',
  queryTooComplex: 'query/too_complex',
  queryTooDeep: 'query/too_deep',
  queryTooManyAliases: 'query/too_many_aliases',
  queryTooManyDirectives: 'query/too_many_directives',
  queryTooManyRootFields: 'query/too_many_root_fields',
  queryIntrospectionRepeated: 'query/introspection_repeated',
  queryTooLarge: 'query/too_large',
  queryTimeout: 'query/timeout',
  periodInvalid: 'period/invalid',
  periodRange: 'period/out_of_range',
  periodFuture: 'period/future',
  indicatorUnknown: 'indicator/unknown',
  indicatorDerived: 'indicator/derived',
  seriesTooLong: 'series/too_long',
  breakdownByDepartment: 'breakdown/not_by_department',
  aggregateInvalid: 'aggregate/invalid',
  aggregateNotNumeric: 'aggregate/not_numeric',
  aggregateTooManyGroups: 'aggregate/too_many_groups',
  aggregateTimeZone: 'aggregate/time_zone',
  // Writes: every reason a refused input can carry (extensions.problems[].reason).
  idNotFound: 'id/not_found',
  inputRequired: 'input/required',
  inputDuplicate: 'input/duplicate',
  inputInconsistent: 'input/inconsistent',
  inputInvalidDate: 'input/invalid_date',
  inputInvalidMonth: 'input/invalid_month',
  inputNegative: 'input/negative',
  inputOutOfRange: 'input/out_of_range',
  inputTooLong: 'input/too_long',
  inputTooMany: 'input/too_many',
  inputInvalidCharacter: 'input/invalid_character',
  /** Not a path of the hub's own (a display link's page: a scheme, a host, `//`, a backslash). */
  inputInvalidPath: 'input/invalid_path',
  stageClosed: 'stage/closed',
  stageOutOfOrder: 'stage/out_of_order',
  stageBeforeLast: 'stage/before_last',
  targetContextOnly: 'target/context_only',
  targetWarningSide: 'target/warning_side',
  weightEmpty: 'weight/empty',
  weightNotNormalisable: 'weight/not_normalisable',
  dateOutOfRange: 'input/date_out_of_range',
  notInOrganization: 'input/not_in_organization',
  notEligible: 'input/not_eligible',
  activityCancelled: 'activity/already_cancelled',
  positionOverlap: 'position/overlap',
  // The organisation tree and the reference data (modules/organization): kinds, cycles, dissolved targets, overlaps.
  orgKindNotAllowed: 'organization/kind_not_allowed',
  orgCycle: 'organization/cycle',
  orgDissolved: 'organization/dissolved',
  orgHasMembers: 'organization/has_members',
  orgHasChildren: 'organization/has_children',
  orgHasLaterRecords: 'organization/has_later_records',
  departmentClosed: 'department/closed',
  /** A survey's department and month has individual responses or a result in aggregate, never both (modules/survey). */
  surveyBothForms: 'survey/responses_and_result',
  /** A fact dated outside its partitioned table's window (db/partitions.ts): no partition holds it. */
  outOfWindow: 'survey/out_of_window',
  linkOverlap: 'branch_department/overlap',
  stageAge: 'stage/age_requirement',
  correctionReason: 'stage/correction_reason',
  /** A deletion or correction without a reason (at least 2 characters), which the audit log keeps. */
  reasonRequired: 'input/reason_required',
  dbUnavailable: 'db/unavailable',
  idempotencyConflict: 'idempotency/conflict',
  duplicate: 'input/duplicate_record',
  // Spreadsheet import (modules/import): the file as a whole, and its rows' problems.
  importFile: 'import/file_refused',
  importColumnMissing: 'import/column_missing',
  importFormula: 'import/formula_without_result',
  importHashMismatch: 'import/hash_mismatch',
  importHasProblems: 'import/has_problems',
  importBusy: 'import/busy',
  importUnknownKind: 'import/unknown_kind',
  // Sign-in and accounts (modules/account). An unknown account and a wrong password are one reason, auth/failed.
  authFailed: 'auth/failed',
  authLocked: 'auth/locked',
  authRequired: 'auth/required',
  authPasswordChange: 'auth/password_change_required',
  authForbidden: 'auth/forbidden',
  authNoAdmin: 'auth/no_admin',
  authOutOfScope: 'auth/out_of_scope',
  /** A request whose browser Origin is not the hub's own (another site's page posting with the user's cookie). */
  authCrossOrigin: 'auth/cross_origin',
  // Single sign-on (modules/account/sso): the reasons /signin?error= names too.
  authNotLinked: 'auth/not_linked',
  ssoState: 'sso/invalid_state',
  ssoRejected: 'sso/rejected',
  ssoProviderError: 'sso/provider_error',
  ssoUnavailable: 'sso/unavailable',
  ssoNotConfigured: 'sso/not_configured',
  ssoTooMany: 'sso/too_many',
  identityLinked: 'account/identity_linked',
  /** A bearer token that is not (or no longer) one: expired, revoked, unknown, tampered; which is not said. */
  authInvalidToken: 'auth/invalid_token',
  /** A personal access token may read only. */
  authReadOnlyToken: 'auth/read_only_token',
  /** A request that carries both a session cookie and a bearer token. */
  authAmbiguous: 'auth/ambiguous_credentials',
  passwordTooShort: 'password/too_short',
  passwordTooLong: 'password/too_long',
  passwordTooSimple: 'password/too_simple',
  passwordHasUsername: 'password/contains_username',
  passwordCommon: 'password/common',
  passwordReused: 'password/reused',
  usernameInvalid: 'account/invalid_username',
  accountExists: 'account/exists',
  accountLastAdmin: 'account/last_admin',
  internal: 'server/internal',
} as const;

export type ReasonCode = (typeof Reason)[keyof typeof Reason];

export interface HubErrorOptions {
  code: (typeof ErrorCode)[keyof typeof ErrorCode];
  reason: ReasonCode;
  zh: string;
  en: string;
  /** The argument path the error is about, e.g. ["filter", "orgId"]. */
  field?: string[];
  /** Every bad field of an input, when there are several (a write reports all of them at once). */
  problems?: { field: string; reason: ReasonCode; zh: string; en: string }[];
  /** HTTP status when the error stops the whole request before execution (Apollo reads and drops it). */
  status?: number;
  /** Response headers that go with that status (`WWW-Authenticate` with a 401). */
  headers?: Record<string, string>;
}

/** A client-facing error: `message` is "中文 / English", `extensions` carry code, reason and field. */
export class HubError extends GraphQLError {
  constructor(o: HubErrorOptions) {
    super(`${o.zh} / ${o.en}`, {
      extensions: {
        code: o.code,
        reason: o.reason,
        field: o.field?.length ? o.field.join('.') : undefined,
        messageZh: o.zh,
        messageEn: o.en,
        ...(o.problems ? { problems: o.problems } : {}),
        ...(o.status ? { http: { status: o.status, ...(o.headers ? { headers: new Map(Object.entries(o.headers)) } : {}) } } : {}),
      },
    });
  }
}

/** NOT_FOUND for an organisation named by an argument (`field`) that does not exist. */
export const orgNotFound = (globalId: string, field: string[]) =>
  new HubError({
    code: ErrorCode.notFound,
    reason: Reason.orgNotFound,
    field,
    zh: `党组织 ${globalId} 不存在`,
    en: `organization ${globalId} does not exist`,
  });

export const badInput = (reason: ReasonCode, field: string[], zh: string, en: string) =>
  new HubError({ code: ErrorCode.badInput, reason, field, zh, en });

/** Seconds a client should wait before retrying when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** The database cannot be reached now: 503 with Retry-After; nothing the request asked for was done, unless it said so. */
export const dbUnavailable = () =>
  new HubError({
    code: ErrorCode.unavailable,
    reason: Reason.dbUnavailable,
    zh: `数据库暂时不可用（可能正在重启），请 ${RETRY_AFTER_SECONDS} 秒后重试；写入请带同一个 idempotencyKey 重试，以免重复`,
    en: `the database is unavailable for now (it may be restarting): retry in ${RETRY_AFTER_SECONDS} s; retry a write with the same idempotencyKey so it cannot apply twice`,
    status: 503,
    // Its own header too: thrown where no plugin sees the answer (a request's context: its session read in an
    // outage), it still says when to retry. The fault suites (test/postgres.faults.test.ts) found it missing there.
    headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
  });
