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
});

export const AttendanceList = defineList({
  entity: Attendance,
  queryName: 'attendances',
  zh: '活动参与记录',
  en: 'Participations',
  scope: ['activity.organization'],
  orderBy: ['status', 'role', 'hours'],
});
