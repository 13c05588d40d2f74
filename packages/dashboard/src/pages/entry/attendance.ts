/**
 * The attendance sheet's keyboard (pure, tested in Node): one row per member, each a radio group of
 * 出席 / 请假 / 缺席. On a row: 1, 2, 3 (or P, L, A) set the status and move to the next row, so a meeting is
 * marked by one key per person; ← → change the status in place; ↑ ↓ Home End move between rows. The “all
 * present” button marks every row at once, after which only the exceptions need a key. A row marked 请假 or
 * 缺席 takes a reason (the next Tab stop after its status); it is sent only with those marks.
 */
export const MARKS = ['PRESENT', 'LEAVE', 'ABSENT'] as const;
export type Mark = (typeof MARKS)[number];

/** What a key does on row `index` of `count`: a status to set, and the row to focus. Null: not the sheet's key. */
export interface KeyEffect {
  mark?: Mark;
  focus?: number;
}

const BY_KEY: Record<string, Mark> = { '1': 'PRESENT', '2': 'LEAVE', '3': 'ABSENT', p: 'PRESENT', l: 'LEAVE', a: 'ABSENT' };

export function attendanceKey(key: string, index: number, count: number, current: Mark | null): KeyEffect | null {
  const last = count - 1;
  const set = BY_KEY[key.toLowerCase()];
  if (set) return { mark: set, focus: Math.min(index + 1, last) };
  const at = current ? MARKS.indexOf(current) : -1;
  switch (key) {
    case 'ArrowDown':
      return { focus: Math.min(index + 1, last) };
    case 'ArrowUp':
      return { focus: Math.max(index - 1, 0) };
    case 'Home':
      return { focus: 0 };
    case 'End':
      return { focus: last };
    case 'ArrowRight':
      return { mark: MARKS[(at + 1) % MARKS.length] };
    case 'ArrowLeft':
      return { mark: MARKS[(at + MARKS.length - 1) % MARKS.length] };
    default:
      return null;
  }
}

export interface SheetRow {
  memberId: string;
  name: string;
  mark: Mark | null;
  /** The reason for leave or absence, as typed (sent only when the mark is 请假 or 缺席). */
  reason: string;
}

/** Whether a mark takes a reason (leave or absence). */
export const takesReason = (m: Mark | null): boolean => m === 'LEAVE' || m === 'ABSENT';

/** The sheet for a list of members, with an activity's attendance when one is edited (others unmarked). */
export function sheetFor(
  members: readonly { id: string; name: string | null }[],
  attendance: readonly { memberId: string | null; status: string; reason?: string | null }[] = [],
): SheetRow[] {
  const marks = new Map(attendance.map((a) => [a.memberId, a]));
  return members.map((m) => {
    const a = marks.get(m.id);
    const mark = (MARKS as readonly string[]).includes(a?.status ?? '') ? (a!.status as Mark) : null;
    return { memberId: m.id, name: m.name ?? '—', mark, reason: (mark && a?.reason) || '' };
  });
}

/** The attendance the hub is sent: the marked rows (an unmarked person is not recorded), a reason with leave or absence. */
export function attendanceInput(rows: readonly SheetRow[]): { memberId: string; status: Mark; reason?: string }[] {
  return rows
    .filter((r) => r.mark !== null)
    .map((r) => {
      const reason = takesReason(r.mark) ? r.reason.trim() : '';
      return reason ? { memberId: r.memberId, status: r.mark!, reason } : { memberId: r.memberId, status: r.mark! };
    });
}

/** How many are marked each way (the sheet's summary line). */
export function tally(rows: readonly SheetRow[]): Record<Mark | 'unmarked', number> {
  const out = { PRESENT: 0, LEAVE: 0, ABSENT: 0, unmarked: 0 };
  for (const r of rows) out[r.mark ?? 'unmarked']++;
  return out;
}
