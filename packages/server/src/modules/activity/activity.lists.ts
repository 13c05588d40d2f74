import { sql } from '../../db/sql.js';
import { defineList } from '../../graphql/define-list.js';
import { Activity } from './activity.entity.js';
import { Attendance } from './attendance.entity.js';

export const ActivityList = defineList({
  entity: Activity,
  queryName: 'activities',
  zh: '活动',
  en: 'Activities',
  scope: ['organization'],
  orderBy: ['heldOn', 'type', 'title', 'status'],
  hasMany: { attendances: { target: () => Attendance, via: 'activity', zh: '参与记录', en: 'Participations' } },
  aggregate: { measureOnly: ['beneficiaryCount', 'expectedCount'] },
});

export const AttendanceList = defineList({
  entity: Attendance,
  queryName: 'attendances',
  zh: '活动参与记录',
  en: 'Participations',
  scope: ['activity.organization'],
  orderBy: ['status', 'role', 'hours'],
  aggregate: {
    persons: 'member_id',
    ratios: {
      attendanceRate: {
        zh: '出席率：出席 / 应到（出席、请假、缺席；免参加者不计）',
        en: 'Attendance rate: present / expected (present, on leave, absent; the exempt are not expected)',
        numerator: (t) => sql`${t}."status" = 'present'`,
        denominator: (t) => sql`${t}."status" in ('present', 'leave', 'absent')`,
      },
    },
  },
});
