/** 活动与出勤 / Activities and attendance. */
import { defineFeature } from '../../graphql/feature.js';
import { ActivityWriteResolver } from './activity.resolver.js';
import { Activity } from './activity.entity.js';
import { Attendance } from './attendance.entity.js';
import { ActivityList, AttendanceList } from './activity.lists.js';

export const activity = defineFeature({
  name: 'activity',
  entities: [Activity, Attendance],
  lists: [ActivityList, AttendanceList],
  resolvers: [ActivityWriteResolver],
});
