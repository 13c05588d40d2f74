/**
 * How a download route (the members' and other kinds' exports, the audit log's CSV) answers when it will not or
 * cannot serve: a coded JSON error (the GraphQL errors' shape, zh/en, never a stack trace), and once bytes have
 * gone, a cut connection, so a partial file cannot pass for a whole one.
 */
import type express from 'express';
import { isUnavailable } from '../../db/failures.js';
import { dbUnavailable, ErrorCode, HubError, Reason } from '../../errors.js';

/** A coded refusal, with the HTTP status the error carries (400 when it names none). */
export function refuseDownload(res: express.Response, err: HubError): void {
  const status = (err.extensions.http as { status?: number } | undefined)?.status ?? 400;
  const { http: _http, ...extensions } = err.extensions;
  res
    .status(status)
    .set('cache-control', 'no-store')
    .json({ errors: [{ message: err.message, extensions }] });
}

/** A failure after the checks: before the first byte a coded answer (503 when the database is away); after it, the connection is cut. */
export function downloadFailed(res: express.Response, err: unknown): void {
  if (res.headersSent) return void res.destroy();
  if (err instanceof HubError) return refuseDownload(res, err);
  refuseDownload(
    res,
    isUnavailable(err)
      ? dbUnavailable()
      : new HubError({ code: ErrorCode.internal, reason: Reason.internal, zh: '服务器内部错误', en: 'internal server error', status: 500 }),
  );
}
