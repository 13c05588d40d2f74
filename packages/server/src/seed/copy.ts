/** Streams rows into PostgreSQL with COPY FROM STDIN (text format), with backpressure. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** COPY text format: backslash escapes, \N for null, t/f for booleans. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot COPY the number ${v}`);
    return String(v);
  }
  if (typeof v !== 'string') throw new Error(`cannot COPY a ${typeof v}: generate strings, numbers or booleans`);
  return v.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

function* lines(rows: unknown[][]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += row.map(copyValue).join('\t') + '\n';
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export async function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: unknown[][]): Promise<number> {
  if (!rows.length) return 0;
  const sql = `copy ${table} (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`;
  await pipeline(Readable.from(lines(rows)), client.query(copyFrom(sql)));
  return rows.length;
}
