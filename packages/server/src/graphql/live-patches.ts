/**
 * Which subscriptions asked to be pushed patches (`live(orgId, patches: true)`, modules/indicator/live-query.ts):
 * the field's `subscribe` marks the subscription's context, and the socket's push layer (http/live-pushes.ts),
 * which runs that `subscribe` while making the source stream, reads the mark. Kept here, below both.
 */
const asked = new WeakSet<object>();

/** The subscription whose context this is asked for patches. */
export function askPatches(ctx: object): void {
  asked.add(ctx);
}

/** Whether the subscription whose context this is asked for patches. */
export function asksPatches(ctx: unknown): boolean {
  return typeof ctx === 'object' && ctx !== null && asked.has(ctx);
}
