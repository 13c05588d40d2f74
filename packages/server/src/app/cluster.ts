/**
 * Several processes on one port (HUB_WORKERS > 1), with node:cluster: the primary has done the start's one-time
 * work (app/prepare.ts) and owns the embedded PostgreSQL; it forks the workers, which share the port (the
 * primary accepts connections and hands them round-robin), replaces a worker that dies (after a pause that
 * grows while they keep dying young, so a worker that cannot start does not spin), and on SIGTERM or SIGINT
 * stops the workers (each drains its requests) before the database.
 *
 * What a worker keeps for itself is correct across workers: sessions and lockouts are rows in PostgreSQL,
 * revocations and the invalidation of cached copies arrive on each worker's own LISTEN connection, and a
 * write on one worker reaches subscribers on another through NOTIFY (test/workers.e2e.test.ts).
 */
import cluster, { type Worker } from 'node:cluster';

type Log = (m: string) => void;

/** A worker asks for the database's URL (the primary may have started the embedded one on a random port). */
const ASK = 'hub:database?';
const TELL = 'hub:database';
/** A worker listens: whether it serves a dashboard (for the primary's "ready" line). */
const LISTENING = 'hub:listening';

/** A worker that lived shorter than this died young: the next one waits, twice as long each time up to a limit. */
const YOUNG_MS = 10_000;
const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 30_000;
/** How long the primary's stop waits for workers draining their requests before it kills them. */
const STOP_GRACE_MS = 30_000;

export interface PrimaryOptions {
  workers: number;
  url: string;
  log: Log;
  /** Every first worker listens: print the "ready" line (dashboard: whether one is served). */
  ready: (dashboard: boolean) => void;
  /** Stops the database after the workers (the embedded PostgreSQL; nothing for DATABASE_URL). */
  stopDatabase: () => Promise<void>;
}

/** The pause before the next worker: none after a worker that lived, a growing one while they die young. */
export function replacementPause(livedMs: number, youngDeathsBefore: number): number {
  if (livedMs >= YOUNG_MS) return 0;
  return Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** youngDeathsBefore);
}

const described = (code: number | null, signal: string | null) => (signal ? `was killed (${signal})` : `exited (code ${code})`);

/** Forks the workers and looks after them until a signal stops the hub. */
export function runPrimary(o: PrimaryOptions): void {
  cluster.schedulingPolicy = cluster.SCHED_RR;
  const born = new Map<number, number>();
  const listening = new Set<number>();
  let everReady = false;
  let youngDeaths = 0;
  let stopping = false;
  const fork = () => {
    const w = cluster.fork();
    born.set(w.id, Date.now());
    w.on('message', (m: { type?: string; dashboard?: boolean }) => {
      if (m?.type === ASK) w.send({ type: TELL, url: o.url });
      if (m?.type !== LISTENING) return;
      o.log(`worker ${w.id} (pid ${w.process.pid}) serving`);
      listening.add(w.id);
      if (!everReady && listening.size === o.workers) {
        everReady = true;
        o.ready(m.dashboard ?? false);
      }
    });
  };
  cluster.on('exit', (w, code, signal) => {
    listening.delete(w.id);
    if (stopping) return;
    if (!everReady && !signal && code !== 0) {
      // A worker that cannot start (the port is in use, a broken setting) says why itself: stop rather than spin.
      o.log(`worker ${w.id} could not start: stopping`);
      void stop(`worker ${w.id} failed`, 1);
      return;
    }
    const lived = Date.now() - (born.get(w.id) ?? 0);
    const pause = replacementPause(lived, youngDeaths);
    youngDeaths = lived >= YOUNG_MS ? 0 : youngDeaths + 1;
    o.log(`worker ${w.id} (pid ${w.process.pid}) ${described(code, signal)}: starting another${pause ? ` in ${pause / 1000}s` : ''}`);
    setTimeout(() => stopping || fork(), pause);
  });
  const stop = async (why: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    o.log(`${why}: stopping the workers`);
    await stopWorkers(Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w));
    await o.stopDatabase();
    o.log('stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  for (let i = 0; i < o.workers; i++) fork();
}

/** SIGTERM to every worker (each drains its requests and exits), SIGKILL to any still running after the grace. */
async function stopWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.isDead()) return resolve();
          const late = setTimeout(() => w.process.kill('SIGKILL'), STOP_GRACE_MS);
          w.once('exit', () => {
            clearTimeout(late);
            resolve();
          });
          w.process.kill('SIGTERM');
        }),
    ),
  );
}

/** In a worker: the database's URL, from the primary. */
export function databaseFromPrimary(): Promise<string> {
  return new Promise((resolve) => {
    const heard = (m: { type?: string; url?: string }) => {
      if (m?.type !== TELL || !m.url) return;
      process.off('message', heard);
      resolve(m.url);
    };
    process.on('message', heard);
    process.send!({ type: ASK });
  });
}

/** In a worker: tells the primary it listens. */
export function tellListening(dashboard: boolean): void {
  process.send!({ type: LISTENING, dashboard });
}
