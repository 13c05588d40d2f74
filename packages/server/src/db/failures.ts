/**
 * What a failed statement says about the database, not the request: PostgreSQL gone (restarted,
 * crashed, stopped, failed over), a connection refused or cut, no connection free within the wait, too
 * many clients — the request may succeed later, unchanged (`unavailable`); a deadlock or a serialization
 * failure — the same transaction run again will (`retryable`).
 */

/** SQLSTATE classes and codes of an unreachable or restarting server. */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', '53000', '58000', '58030']);
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN', 'EAI_AGAIN']);
const UNAVAILABLE_TEXT =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end|the database system is (starting up|shutting down|in recovery mode)|terminating connection/i;

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
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err && isUnavailable(cause);
}

/** Whether running the same transaction again may succeed: a deadlock (40P01) or a serialization failure (40001). */
export function isRetryable(err: unknown): boolean {
  const code = codeOf(err);
  return code === '40P01' || code === '40001';
}
