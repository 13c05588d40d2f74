/**
 * The state one demo hospital is built in: what each step adds (the tree, the people, positions,
 * activities …) and the small helpers they share.
 */
import { ActivityType, enumInfo, ModelPostType } from '../../domain/enums.js';
import type { DeptSpec } from './shape.js';
import { addMonths, dayOf, isoDay, type Day } from '../dates.js';
import type { Rng } from '../random.js';
import type { Sink } from '../tables.js';

export interface HospitalInput {
  rng: Rng;
  sink: Sink;
  name: string;
  level: 'tertiary_a' | 'tertiary_b' | 'secondary_a' | 'secondary_b';
  region: string;
  /** The upper body (province scale) or null (the committee is the root). */
  parentOrgId: number | null;
  /** 1 = a large hospital of ≈ 1,500 members; smaller hospitals keep fewer departments and members. */
  size: number;
  /** Survey responses to plan for this hospital over the whole window. */
  surveyResponses: number;
  start: Day;
  end: Day;
}

export interface HospitalSummary {
  hospitalId: number;
  committeeId: number;
  members: number;
  branches: number;
}

export interface Person {
  id: number;
  gender: 'male' | 'female';
  birth: Day;
  title: string;
  category: string;
  deptId: number | null;
  isDeptHead: boolean;
  isBackbone: boolean;
  status: string;
  joined: Day | null;
  converted: Day | null;
  groupId: number | null;
  membership: string;
  pipeline: boolean;
  name: string;
  education: string;
  ethnicity: string;
  idCard: string;
  mobile: string;
}

export interface Branch {
  id: number;
  name: string;
  category: string;
  generalId: number;
  deptIds: number[];
  surgical: boolean;
  weight: number;
  groups: number[];
  people: Person[];
  /** Share of required meetings actually held (strong ≈ 0.97, weak ≈ 0.75). */
  discipline: number;
  /** Share of members present at a meeting. */
  attend: number;
  termStart: Day;
  secretaryId: number;
  committee: number[];
}

export type Dept = DeptSpec & { id: number; branchId: number | null };

export interface DevEvent {
  member: Person;
  stage: string;
  day: Day;
  intro?: [number, number];
  hours?: number;
}

export interface PositionPlan {
  org: number;
  member: Person;
  role: string;
  from: Day;
  to: Day | null;
}

/** Filled step by step by the functions of this folder, in the order `generateHospital` calls them. */
export interface Hospital {
  input: HospitalInput;
  sink: Sink;
  start: Day;
  end: Day;
  /** Planned activities reach into next month. */
  horizon: Day;
  /** created_at of the hospital's standing records. */
  hospitalStamp: string;
  /** A random stream of its own for each part, by label. */
  r: (label: string) => Rng;
  committeeId: number;
  hospitalId: number;
  generals: { id: number; name: string }[];
  branches: Branch[];
  departments: Dept[];
  everyone: Person[];
  events: DevEvent[];
  positions: PositionPlan[];
  committeeSecretary: Person | null;
  /** The first day of each month from the window's start to the horizon (the activities step fills it). */
  months: Day[];
  /** 1 for a weaker department, else 0, by department id (the operations step draws it, the surveys read it). */
  weakness: Map<number, number>;
}

export const stamp = (day: Day, time = '09:00:00') => `${isoDay(day)} ${time}+08`;

/** A hospital before its first step. */
export function newHospital(input: HospitalInput): Hospital {
  return {
    input,
    sink: input.sink,
    start: input.start,
    end: input.end,
    horizon: addMonths(input.end, 2) - 1,
    hospitalStamp: stamp(dayOf(2015, 1, 1)),
    r: (label) => input.rng.fork(label),
    committeeId: 0,
    hospitalId: 0,
    generals: [],
    branches: [],
    departments: [],
    everyone: [],
    events: [],
    positions: [],
    committeeSecretary: null,
    months: [],
    weakness: new Map(),
  };
}

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
export const YEAR = 365;

/** The Chinese label of an activity or model-post type: the one the schema describes it with. */
const LABELS: Record<string, string> = Object.assign({}, enumInfo.get(ActivityType)!.zh, enumInfo.get(ModelPostType)!.zh);
export const labelOf = (type: string) => LABELS[type] ?? type;
export const gradeOf = (score: number) => (score >= 90 ? 'excellent' : score >= 80 ? 'good' : score >= 65 ? 'fair' : 'poor');
