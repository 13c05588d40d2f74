/**
 * The listening connection's heartbeat: a socket can stay half-open for hours (a firewall or NAT that forgot the
 * connection drops its packets without a reset, and TCP keepalive takes hours to notice). So the feed notifies
 * itself through the request pool every `everyMs`, on a channel it listens on, and counts its connection dead
 * when no echo came for `timeoutMs` although a beat was committed meanwhile (a busy or lost request pool is not
 * the listening connection's fault). Beats carry this instance's nonce: other instances' beats are not echoes.
 * Costs one tiny statement per interval and no log line; its timers never keep the process alive.
 */
import { randomUUID } from 'node:crypto';

/** The channel of the beats (every instance listens on it and hears only its own nonce). */
export const BEAT_CHANNEL = 'indicators_heartbeat';

/** Where beats are sent from: the request pool, not the listening connection. */
export interface BeatSender {
  query(text: string, values: unknown[]): Promise<unknown>;
}

export interface HeartbeatTiming {
  /** Between two beats (default 5 s). */
  everyMs: number;
  /** No echo for this long, a beat committed meanwhile: the connection is dead (default 10 s). */
  timeoutMs: number;
}

export const HEARTBEAT_DEFAULTS: HeartbeatTiming = { everyMs: 5_000, timeoutMs: 10_000 };

export class Heartbeat {
  readonly #nonce = randomUUID();
  /** The last beat sent, the last echoed, the last sent before the connection being watched. */
  #sent = 0;
  #echoed = 0;
  #since = 0;
  #lastEcho = 0;
  /** When the oldest beat not echoed yet was committed (null: none is). */
  #unanswered: number | null = null;
  #inFlight = false;
  #beats: NodeJS.Timeout | null = null;
  #deadline: NodeJS.Timeout | null = null;

  constructor(
    private readonly sender: BeatSender,
    private readonly timing: HeartbeatTiming,
    private readonly dead: (silentMs: number) => void,
  ) {}

  /** Starts watching a freshly opened connection (already listening on BEAT_CHANNEL). */
  watch(): void {
    this.stop();
    this.#since = this.#sent;
    this.#lastEcho = Date.now();
    this.#unanswered = null;
    this.#beats = setInterval(() => this.#beat(), this.timing.everyMs).unref();
    this.#arm(this.timing.timeoutMs);
  }

  /** A notification on BEAT_CHANNEL arrived on the watched connection. */
  heard(payload: string): void {
    const [nonce, n] = payload.split(':');
    const beat = Number(n);
    if (nonce !== this.#nonce || !(beat > this.#since) || !this.#beats) return;
    this.#echoed = Math.max(this.#echoed, beat);
    this.#lastEcho = Date.now();
    this.#unanswered = null;
    this.#arm(this.timing.timeoutMs);
  }

  stop(): void {
    if (this.#beats) clearInterval(this.#beats);
    if (this.#deadline) clearTimeout(this.#deadline);
    this.#beats = this.#deadline = null;
  }

  #beat(): void {
    // One beat at a time: when the pool is busy or down, beats do not pile up in its queue.
    if (this.#inFlight) return;
    this.#inFlight = true;
    const beat = ++this.#sent;
    this.sender.query('select pg_notify($1, $2)', [BEAT_CHANNEL, `${this.#nonce}:${beat}`]).then(
      () => {
        this.#inFlight = false;
        if (this.#beats && beat > this.#since && this.#echoed < beat) this.#unanswered ??= Date.now();
      },
      // The pool's failures are the requests' to report (and say nothing about the listening connection).
      () => void (this.#inFlight = false),
    );
  }

  #arm(ms: number): void {
    if (this.#deadline) clearTimeout(this.#deadline);
    this.#deadline = setTimeout(() => this.#check(), ms).unref();
  }

  #check(): void {
    const now = Date.now();
    const silent = now - this.#lastEcho;
    if (silent < this.timing.timeoutMs) return this.#arm(this.timing.timeoutMs - silent);
    // No beat committed since the last echo: wait for one (an echo takes milliseconds once it is committed).
    if (this.#unanswered === null) return this.#arm(this.timing.everyMs);
    const grace = this.#unanswered + this.timing.everyMs / 2 - now;
    if (grace > 0) return this.#arm(grace);
    this.stop();
    this.dead(silent);
  }
}
