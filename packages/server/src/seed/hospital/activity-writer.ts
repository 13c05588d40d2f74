import { isoDay, type Day } from '../dates.js';
import type { Rng } from '../random.js';
import type { Sink } from '../tables.js';
import { stamp, type Branch, type Hospital } from './model.js';
import { LOCATIONS } from './texts.js';

/** Writes one activity (held, planned or cancelled by its date) and, when held, its attendance plan. */
export type AddActivity = (a: ActivitySpec) => void;

export interface ActivitySpec {
  org: number;
  type: string;
  title: string;
  day: Day;
  audience: string;
  attend: number;
  time?: string;
  festival?: string | null;
  lecturer?: number | null;
  lecturerRole?: string | null;
  expected?: number | null;
  beneficiaries?: number | null;
  partner?: string | null;
  makeup?: boolean;
  cancelled?: boolean;
  quarter?: [number, number];
}

/** One branch in one month, as the branch's activities are planned. */
export interface BranchMonth {
  branch: Branch;
  /** The branch's own random stream. */
  b: Rng;
  m: Day;
  y: number;
  mon: number;
  /** Party members on the first of the month. */
  size: number;
  /** Whether a required meeting is held this month (discipline and season). */
  held: (base: number) => boolean;
  /** A working day between two days of the month. */
  dom: (lo: number, hi: number) => Day;
}

const ORDINALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function activityWriter(h: Hospital): AddActivity {
  const actRng = h.r('activities');
  // An activity's natural key (organisation, type, day, title: what an import matches on) is unique: a second
  // service of the same kind on the same day is numbered, as a secretary would title it.
  const seen = new Map<string, number>();
  return (spec) => {
    if (spec.day > h.horizon || spec.day < h.start) return;
    const key = `${spec.org}|${spec.type}|${spec.day}|${spec.title}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const a = n === 1 ? spec : { ...spec, title: `${spec.title}（${ORDINALS[n] ?? n}）` };
    const status = a.cancelled ? 'cancelled' : a.day > h.end ? 'planned' : 'held';
    const id = addActivityRow(h, a, status, actRng.pick(LOCATIONS));
    if (status === 'held') addAttendancePlan(h.sink, id, a);
  };
}

function addActivityRow({ sink, end }: Hospital, a: ActivitySpec, status: string, location: string): number {
  const id = sink.id('activity');
  sink.add('activity', {
    id,
    organization_id: a.org,
    type: a.type,
    title: a.title,
    held_on: isoDay(a.day),
    start_at: stamp(a.day, a.time ?? '14:30:00'),
    location,
    status,
    festival_tag: a.festival ?? null,
    lecturer_id: a.lecturer ?? null,
    lecturer_role: a.lecturerRole ?? null,
    expected_count: a.expected ?? null,
    beneficiary_count: a.beneficiaries ?? null,
    partner_org: a.partner ?? null,
    is_makeup: !!a.makeup,
    created_at: stamp(Math.min(a.day, end) - 7),
  });
  return id;
}

/** Who is expected (by audience) and how many come: the set-based SQL expands it into attendance rows. */
function addAttendancePlan(sink: Sink, id: number, a: ActivitySpec): void {
  sink.add('seed_attendance_plan', {
    activity_id: id,
    org_id: a.org,
    audience: a.audience,
    held_on: isoDay(a.day),
    attend: a.attend,
    lecturer_id: a.lecturer ?? null,
    first_month: a.quarter?.[0] ?? null,
    last_month: a.quarter?.[1] ?? null,
  });
}
