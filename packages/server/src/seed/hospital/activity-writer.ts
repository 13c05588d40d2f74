import { isoDay, type Day } from '../dates.js';
import { LOCATIONS } from './texts.js';
import { stamp, type Hospital } from './model.js';

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

export function activityWriter(h: Hospital): AddActivity {
  const { sink, start, end, r, horizon } = h;
  const actRng = r('activities');
  return (a) => {
    if (a.day > horizon || a.day < start) return;
    const status = a.cancelled ? 'cancelled' : a.day > end ? 'planned' : 'held';
    const id = sink.id('activity');
    sink.add('activity', {
      id,
      organization_id: a.org,
      type: a.type,
      title: a.title,
      held_on: isoDay(a.day),
      start_at: stamp(a.day, a.time ?? '14:30:00'),
      location: actRng.pick(LOCATIONS),
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
    if (status === 'held') {
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
  };
}
