/**
 * `pnpm audit:verify`: walks the audit log in id order through a cursor (a few thousand rows in memory at a
 * time) in one snapshot, and recomputes every row's SHA-256 here, in Node, from its canonical form
 * (hub_audit_canonical, the form the insert trigger hashed). A row is broken when
 * - its content no longer gives its hash (edited after it was written), or
 * - its prev_hash is not the hash of the row before it (a row between them was deleted, or that row's hash
 *   was rewritten), or, for the first row, not the anchor's (the hash of the last purged row);
 * and the log is broken when its newest row is not the head audit_chain records (the newest rows deleted), or an
 * anchor is recorded that no `audit.purge` row names (rows deleted from the start outside hub_audit_purge).
 * Someone who could rewrite the whole chain and its head (the owner, with the triggers off) is caught by a
 * witness: a row's id and hash noted outside the database earlier, which the chain must still pass through.
 * A walk goes on past a broken row (judging the next against the stored hash), so one report lists them all.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

export type Problem = 'edited' | 'unlinked' | 'head' | 'anchor' | 'witness';

export interface ChainBreak {
  /** The row the problem shows at (the head's or the anchor's row for those). */
  id: string;
  problem: Problem;
  message: string;
}

export interface ChainReport {
  rows: number;
  firstId: string | null;
  lastId: string | null;
  /** The newest row's hash: note it somewhere else, and a later verify shows whether the log was rewritten since. */
  headHash: string;
  anchorId: string;
  /** Every break found, in id order (the first `maxBreaks` kept; `breakCount` counts them all). */
  breaks: ChainBreak[];
  breakCount: number;
}

/** A row's id and hash noted earlier (the newest one verify printed then). */
export interface Witness {
  id: string;
  hash: string;
}

interface ChainRow {
  head_id: string;
  head_hash: string;
  anchor_id: string;
  anchor_hash: string;
}

interface LogRow {
  id: string;
  prev_hash: string;
  hash: string;
  body: string;
  purge: { anchorId?: unknown; anchorHash?: unknown } | null;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The walk's state: the hash the next row must name as its prev_hash, and what was found. */
class Walk {
  rows = 0;
  firstId: string | null = null;
  lastId: string | null = null;
  prev: string;
  prevId: string;
  breakCount = 0;
  readonly breaks: ChainBreak[] = [];
  private lastPurge: { anchorId: string; anchorHash: string } | null = null;
  private witnessSeen = false;

  constructor(
    private readonly chain: ChainRow,
    private readonly maxBreaks: number,
    private readonly witness: Witness | undefined,
  ) {
    this.prev = chain.anchor_hash;
    this.prevId = chain.anchor_id;
  }

  private broken(id: string, problem: Problem, message: string): void {
    this.breakCount++;
    if (this.breaks.length < this.maxBreaks) this.breaks.push({ id, problem, message });
  }

  step(r: LogRow): void {
    this.rows++;
    this.firstId ??= r.id;
    if (r.prev_hash !== this.prev || BigInt(r.id) <= BigInt(this.prevId))
      this.broken(
        r.id,
        'unlinked',
        `row ${r.id} does not follow ${this.follows()}: a row between them was deleted, or a hash was rewritten`,
      );
    if (sha256(r.body) !== r.hash)
      this.broken(r.id, 'edited', `row ${r.id} was changed after it was written: its content no longer gives its hash`);
    if (r.purge) this.lastPurge = { anchorId: String(r.purge.anchorId), anchorHash: String(r.purge.anchorHash) };
    if (r.id === this.witness?.id) {
      this.witnessSeen = true;
      if (r.hash !== this.witness.hash)
        this.broken(r.id, 'witness', `row ${r.id}'s hash is not the one noted (${this.witness.hash}): the log was rewritten up to there`);
    }
    this.prev = r.hash;
    this.prevId = r.id;
    this.lastId = r.id;
  }

  /** What the row being read must follow: the row before it, or the chain's start. */
  private follows(): string {
    if (this.rows > 1) return `row ${this.prevId}`;
    return this.chain.anchor_id === '0' ? `the chain's start (GENESIS)` : `the chain's anchor (row ${this.prevId}, the last purged)`;
  }

  /** The head and the anchor, once every row is read. */
  finish(): void {
    const c = this.chain;
    if (c.head_id !== this.prevId || c.head_hash !== this.prev)
      this.broken(
        c.head_id,
        'head',
        `the chain's head is row ${c.head_id}, but the log ends at ${this.lastId === null ? 'its anchor' : `row ${this.lastId}`}: its newest rows were deleted or rewritten`,
      );
    const p = this.lastPurge;
    if (c.anchor_id !== '0' && (p?.anchorId !== c.anchor_id || p.anchorHash !== c.anchor_hash))
      this.broken(
        c.anchor_id,
        'anchor',
        `the chain starts after row ${c.anchor_id}, but no audit.purge row records that anchor: rows were removed outside hub_audit_purge`,
      );
    const w = this.witness;
    if (w && !this.witnessSeen && BigInt(w.id) > BigInt(c.anchor_id))
      this.broken(w.id, 'witness', `row ${w.id}, whose hash was noted, is not in the log (and was not purged)`);
  }

  report(): ChainReport {
    const { rows, firstId, lastId, breaks, breakCount } = this;
    return { rows, firstId, lastId, headHash: this.prev, anchorId: this.chain.anchor_id, breaks, breakCount };
  }
}

/**
 * Verifies the chain in one read-only snapshot of `client` (which must not be in a transaction), `batch` rows
 * at a time, and that it still passes through `witness` if given (unless that row was purged since). Throws when the log cannot be read (no audit_chain row, say); a broken chain is a report.
 */
export async function verifyChain(
  client: pg.ClientBase,
  { batch = 5000, maxBreaks = 20, witness }: { batch?: number; maxBreaks?: number; witness?: Witness } = {},
): Promise<ChainReport> {
  await client.query('begin isolation level repeatable read read only');
  try {
    // Before the snapshot: a purge's TRUNCATE of a whole month (hub_audit_purge) waits for this walk, rather
    // than emptying, under a snapshot taken before it, a month this walk has not read yet (TRUNCATE is not MVCC-safe).
    await client.query('lock table audit_log in access share mode');
    const { rows } = await client.query<ChainRow>(
      `select head_id::text, head_hash, anchor_id::text, anchor_hash from audit_chain where id = 1`,
    );
    if (!rows[0]) throw new Error('audit_chain has no head row: was the database migrated?');
    const walk = new Walk(rows[0], maxBreaks, witness);
    await client.query(
      `declare audit_walk no scroll cursor for
         select id::text, prev_hash, hash, hub_audit_canonical(a) as body, case when action = 'audit.purge' then after end as purge
           from audit_log a order by a.id`,
    );
    for (;;) {
      const page = await client.query<LogRow>(`fetch ${batch} from audit_walk`);
      for (const r of page.rows) walk.step(r);
      if (page.rows.length < batch) break;
    }
    walk.finish();
    return walk.report();
  } finally {
    await client.query('rollback');
  }
}
