/**
 * What a failed statement says about the database, not the request: PostgreSQL gone (restarted,
 * crashed, stopped, failed over), a connection refused or cut, no connection free within the wait, too
 * many clients — the request may succeed later, unchanged (`unavailable`); a deadlock or a serialization
 * failure — the same transaction run again will (`retryable`).
 */

/**
 * SQLSTATE classes and codes of an unreachable or restarting server: class 08 (connection exceptions: 08006 a
 * connection failure, 08P01 also pgbouncer's own refusals such as `query_wait_timeout` or `no more connections
 * allowed`), 57P01 admin_shutdown (a fast shutdown, Patroni demoting), 57P02 crash_shutdown (another backend
 * crashed), 57P03 cannot_connect_now (starting up, in recovery), 57P05 idle_session_timeout, 53xxx out of
 * resources, 58xxx system errors; and 25006 read_only_sql_transaction: a write reaching a server that is not the
 * primary (right after a failover, a front such as HAProxy or a DNS name still naming the demoted primary, or a
 * standby being promoted). The hub's own read-only transactions write nothing, so a 25006 is always the server.
 */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '57P05', '53300', '53000', '53100', '53200', '58000', '58030', '25006']);
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTCONN',
  'EAI_AGAIN',
]);
/**
 * node-postgres' own words for a connection lost or never made (they carry no code): "Connection terminated
 * unexpectedly", "… due to connection timeout", "Client was closed and is not queryable", "Client has encountered
 * a connection error and is not queryable", a pool's connect timeout; and PostgreSQL's startup refusals.
 */
const UNAVAILABLE_TEXT =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end|server closed the connection unexpectedly|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|terminating connection/i;

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether an error means the database cannot be reached now (the request may be retried later). */
export function isUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = codeOf(err);
  if (code && (code.startsWith('08') || UNAVAILABLE_CODES.has(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  if (UNAVAILABLE_TEXT.test(String((err as Error).message ?? ''))) return true;
  // Node's connect to a name with several addresses (happy eyeballs) fails with an AggregateError of each attempt's.
  const each = (err as { errors?: unknown }).errors;
  if (Array.isArray(each) && each.some((e) => e !== err && isUnavailable(e))) return true;
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err && isUnavailable(cause);
}

/** Whether running the same transaction again may succeed: a deadlock (40P01) or a serialization failure (40001). */
export function isRetryable(err: unknown): boolean {
  const code = codeOf(err);
  return code === '40P01' || code === '40001';
}
