import type { ReasonCode } from '../../../errors.js';

/**
 * A sign-in an identity provider refused (or answered wrongly), or could not be reached for: `reason` is what
 * /signin?error= shows; the message is for the hub's log only (never sent to the browser).
 */
export class SsoFailure extends Error {
  constructor(
    readonly reason: ReasonCode,
    detail: string,
  ) {
    super(detail);
  }
}
