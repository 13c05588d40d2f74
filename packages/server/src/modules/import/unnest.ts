/**
 * Rows written in one statement whatever their number: each column's values as one array parameter, read back
 * with `unnest` (the honours, positions and development kinds' writers).
 */

export interface SqlColumn<R> {
  name: keyof R & string;
  /** The column's SQL type (the array parameter is cast to it). */
  type: string;
}

/** The columns' names (`a, b, c`), their array parameters cast from `$offset+1` on, and the rows as those arrays. */
export function unnestOf<R>(columns: readonly SqlColumn<R>[]) {
  return {
    names: columns.map((c) => c.name).join(', '),
    casts: (offset: number) => columns.map((c, i) => `$${i + 1 + offset}::${c.type}[]`).join(', '),
    arrays: (rows: readonly R[]) => columns.map((c) => rows.map((r) => r[c.name])),
  };
}
