import { sql, type Sql } from '../../db/sql.js';
import { defineList } from '../../graphql/define-list.js';
import { Attendance } from '../activity/attendance.entity.js';
import { Honor } from '../honor/honor.entity.js';
import { DevelopmentEvent } from './development-event.entity.js';
import { DevelopmentSpan } from './development-span.entity.js';
import { Member } from './member.entity.js';
import { Membership } from './membership.entity.js';
import { Position } from './position.entity.js';

/** Keeps the first `head` and last `tail` characters and stars the rest (all stars when it is that short). */
const maskMiddle = (v: Sql, head: number, tail: number): Sql =>
  sql`case when char_length(${v}) <= ${head + tail} then repeat('*', char_length(${v}))
           else left(${v}, ${head}) || repeat('*', char_length(${v}) - ${head + tail}) || right(${v}, ${tail}) end`;

export const MemberList = defineList({
  entity: Member,
  queryName: 'members',
  zh: '人员',
  en: 'People (members and the development pipeline)',
  scope: ['organization'],
  orderBy: ['politicalStatus', 'professionalTitle', 'education', 'joinedOn', 'convertedOn'],
  computed: {
    // The name stays in the database: only its first character and its length come out.
    maskedName: (t) =>
      sql`case when char_length(${t}."name") <= 1 then '*' else left(${t}."name", 1) || repeat('*', char_length(${t}."name") - 1) end`,
    birthYear: (t) => sql`extract(year from ${t}."birth_date")::int`,
  },
  // Read only by roles that see people's rows; ID-card number and mobile masked unless `reveal: true`; audited.
  personal: {
    name: { value: (t) => sql`${t}."name"` },
    birthDate: { value: (t) => sql`${t}."birth_date"::text` },
    ethnicity: { value: (t) => sql`${t}."ethnicity"` },
    // 1101**********1234: the region and the last four, as a clerk reads them back to a person.
    idCardNo: { value: (t) => sql`${t}."id_card_no"`, masked: (t) => maskMiddle(sql`${t}."id_card_no"`, 4, 4) },
    // 138****5678
    mobile: { value: (t) => sql`${t}."mobile"`, masked: (t) => maskMiddle(sql`${t}."mobile"`, 3, 4) },
    staffNo: { value: (t) => sql`${t}."staff_no"` },
  },
  hasMany: {
    stageEvents: { target: () => DevelopmentEvent, via: 'member', zh: '发展纪实', en: 'Development record' },
    positions: { target: () => Position, via: 'member', zh: '任职记录', en: 'Positions held' },
    memberships: {
      target: () => Membership,
      via: 'member',
      zh: '组织关系（各党组织的起止日期）',
      en: 'Memberships (organisations, with dates)',
    },
    attendances: { target: () => Attendance, via: 'member', zh: '活动参与记录', en: 'Participations' },
    honors: { target: () => Honor, via: 'member', zh: '个人荣誉', en: 'Honors received' },
  },
  // The birth year, never the birth date: a filter on the date would let a caller find a person's birthday.
  computedFilters: {
    birthYear: { zh: '出生年份', en: 'Birth year', value: (t) => sql`extract(year from ${t}."birth_date")::int` },
  },
  aggregate: {
    persons: 'id',
    bands: {
      // The age reached in the year (year − birth year), as the Party's annual statistics count it at 31 December:
      // it reveals nothing the birth year does not.
      age: {
        zh: '年龄（当年周岁）',
        en: 'Age (reached in the year)',
        value: (t, year) => sql`(${year} - extract(year from ${t}."birth_date")::int)`,
        edges: [25, 35, 45, 55],
        max: 120,
      },
    },
  },
});

export const DevelopmentEventList = defineList({
  entity: DevelopmentEvent,
  queryName: 'developmentEvents',
  zh: '发展纪实',
  en: 'Development events',
  scope: ['member.organization'],
  orderBy: ['eventDate', 'stage'],
  requires: { introducers: ['introducer1', 'introducer2'] },
  aggregate: {
    persons: 'member_id',
  },
});

export const PositionList = defineList({
  entity: Position,
  queryName: 'positions',
  zh: '任职记录',
  en: 'Positions',
  scope: ['organization'],
  orderBy: ['startOn', 'endOn', 'role'],
});

export const DevelopmentSpanList = defineList({
  entity: DevelopmentSpan,
  queryName: 'developmentSpans',
  zh: '发展党员各阶段用时',
  en: 'Time through each stretch of the development procedure',
  scope: ['member.organization'],
  orderBy: ['endedOn', 'startedOn', 'months', 'span'],
  aggregate: {
    persons: 'member_id',
    measureOnly: ['months', 'minimumMonths'],
    ratios: {
      belowMinimumRate: {
        zh: '短于规定最短时间的比例：短于最短时间 / 有最短时间规定的',
        en: 'Share shorter than the rules’ minimum: below it / those with a minimum',
        numerator: (t) => sql`${t}."below_minimum"`,
        denominator: (t) => sql`${t}."minimum_months" is not null`,
      },
    },
  },
});

export const MembershipList = defineList({
  entity: Membership,
  queryName: 'memberships',
  zh: '组织关系（某人在某党组织的起止日期）',
  en: 'Memberships (a person in an organisation, with dates)',
  scope: ['member.organization'],
  orderBy: ['fromOn', 'toOn'],
});
