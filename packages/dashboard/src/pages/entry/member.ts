/**
 * 党员信息 as a form (pure, tested in Node): a person's record as the form's texts, the form back as the hub's
 * input — a new record's every filled field, a correction's changed fields only (updateMember changes what it is
 * given) — and what an ID-card number says of its holder (birth date, gender), offered as the form's defaults.
 *
 * The ID-card number and mobile come masked (1101**********1234) unless revealed, which the audit log records:
 * a form not revealed starts them empty, and an empty one is not sent (the stored value stays); a number typed
 * there replaces the stored one without it ever being shown. The hub checks a number (its check digit, the birth
 * date and gender in it, a second person with it): its problems show beside the field.
 */
import type {
  CreateMemberInput,
  Education,
  EntryMemberRecordQuery,
  Gender,
  PersonFieldsInput,
  PoliticalStatus,
  ProfessionalTitle,
  StaffCategory,
} from '@party-hub/schema/client';
import { parseDay } from './figures.ts';
import type { Placed } from './problems.ts';

export type MemberRecord = NonNullable<EntryMemberRecordQuery['members']>['nodes'][number];

/** The form's fields: texts as typed, a choice '' while none is made. */
export interface PersonForm {
  name: string;
  idCardNo: string;
  gender: Gender | '';
  birthDate: string;
  ethnicity: string;
  mobile: string;
  departmentId: string;
  politicalStatus: PoliticalStatus | '';
  joinedOn: string;
  convertedOn: string;
  education: Education | '';
  professionalTitle: ProfessionalTitle | '';
  staffCategory: StaffCategory | '';
  isDeptHead: boolean;
  isBackbone: boolean;
  isFrontline: boolean;
}

/** The form's fields in their order on the page (and the hub's `input.<field>`). */
export const PERSON_FIELDS = [
  'name',
  'idCardNo',
  'gender',
  'birthDate',
  'ethnicity',
  'mobile',
  'departmentId',
  'politicalStatus',
  'joinedOn',
  'convertedOn',
  'education',
  'professionalTitle',
  'staffCategory',
  'isDeptHead',
  'isBackbone',
  'isFrontline',
] as const satisfies readonly (keyof PersonForm)[];

const DATES = ['birthDate', 'joinedOn', 'convertedOn'] as const;
const TEXTS = ['name', 'ethnicity'] as const;
const CHOICES = ['gender', 'politicalStatus', 'education', 'professionalTitle', 'staffCategory', 'departmentId'] as const;
const FLAGS = ['isDeptHead', 'isBackbone', 'isFrontline'] as const;
/** Masked unless revealed. */
export const SENSITIVE = ['idCardNo', 'mobile'] as const;

export const emptyPerson = (): PersonForm => ({
  name: '',
  idCardNo: '',
  gender: '',
  birthDate: '',
  ethnicity: '',
  mobile: '',
  departmentId: '',
  politicalStatus: '',
  joinedOn: '',
  convertedOn: '',
  education: '',
  professionalTitle: '',
  staffCategory: '',
  isDeptHead: false,
  isBackbone: false,
  isFrontline: false,
});

/** A stored record as the form shows it; the ID-card number and mobile only when `revealed` (else empty: kept). */
export function formOf(m: MemberRecord, revealed: boolean): PersonForm {
  return {
    name: m.name ?? '',
    idCardNo: revealed ? (m.idCardNo ?? '') : '',
    gender: m.gender,
    birthDate: m.birthDate ?? '',
    ethnicity: m.ethnicity ?? '',
    mobile: revealed ? (m.mobile ?? '') : '',
    departmentId: m.department?.id ?? '',
    politicalStatus: m.politicalStatus,
    joinedOn: m.joinedOn ?? '',
    convertedOn: m.convertedOn ?? '',
    education: m.education,
    professionalTitle: m.professionalTitle,
    staffCategory: m.staffCategory,
    isDeptHead: m.isDeptHead,
    isBackbone: m.isBackbone,
    isFrontline: m.isFrontline,
  };
}

/** An ID-card number as the hub keeps it: no spaces, full-width digits and a lower-case x made plain. */
export const normalIdCard = (text: string): string =>
  text
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/**
 * What a well-formed ID-card number (GB 11643: 18 characters, its check digit right, a calendar birth date) says
 * of its holder; null for anything else (the hub then says what is wrong with it, beside the field).
 */
export function idCardFacts(text: string): { birthDate: string; gender: Gender } | null {
  const s = normalIdCard(text);
  if (!/^\d{17}[\dX]$/.test(s)) return null;
  const sum = Array.from(s.slice(0, 17)).reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i]!, 0);
  if ('10X98765432'[sum % 11] !== s[17]) return null;
  const birthDate = parseDay(`${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`);
  return birthDate ? { birthDate, gender: Number(s[16]) % 2 === 1 ? 'MALE' : 'FEMALE' } : null;
}

/** The hub's values by field (null: not given). */
type Fields = Record<string, string | boolean | null>;

/** The form's fields as the hub's values (an empty one: null), and the dates that are no dates. */
function valuesOf(f: PersonForm): { values: Fields; bad: Placed } {
  const values: Fields = {};
  const bad: Placed = {};
  for (const k of TEXTS) values[k] = f[k].trim() || null;
  for (const k of CHOICES) values[k] = f[k] || null;
  for (const k of FLAGS) values[k] = f[k];
  values.idCardNo = normalIdCard(f.idCardNo) || null;
  values.mobile = f.mobile.replace(/[\s\u3000]/g, '') || null;
  for (const k of DATES) {
    if (!f[k].trim()) values[k] = null;
    else if (!(values[k] = parseDay(f[k]))) bad[`input.${k}`] = [{ key: 'entry.notDay' }];
  }
  return { values, bad };
}

/** A new record: every field filled (the hub says which required ones are missing), in the branch `org`. */
export function createInput(f: PersonForm, org: string): { input: CreateMemberInput } | { bad: Placed } {
  const { values, bad } = valuesOf(f);
  if (Object.keys(bad).length) return { bad };
  const input = Object.fromEntries(Object.entries(values).filter(([, v]) => v != null)) as PersonFieldsInput;
  return { input: { ...input, organizationId: org } };
}

/**
 * A correction: the fields that differ from the record as it was loaded (`before`, the form it gave). A field
 * emptied is not sent: the hub changes only what it is given, so emptying keeps the stored value. The ID-card
 * number and mobile are sent when typed (revealed or not) and different from what was shown.
 */
export function updateInput(f: PersonForm, before: PersonForm): { input: PersonFieldsInput } | { bad: Placed } {
  const now = valuesOf(f);
  if (Object.keys(now.bad).length) return { bad: now.bad };
  const was = valuesOf(before).values;
  const input: Fields = {};
  for (const k of PERSON_FIELDS) if (now.values[k] != null && now.values[k] !== was[k]) input[k] = now.values[k];
  return { input: input as PersonFieldsInput };
}

/** Whether a correction would change anything (the hub refuses an empty one: the form says so first). */
export const changesAny = (input: PersonFieldsInput): boolean => Object.keys(input).length > 0;

/** People whose name holds `text` (spaces aside; an empty search: everyone), in Chinese collation order. */
export function byName<P extends { name: string | null }>(people: readonly P[], text: string): P[] {
  const q = text.replace(/[\s\u3000]/g, '').toLowerCase();
  return people
    .filter((p) => (p.name ?? '').toLowerCase().includes(q))
    .toSorted((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-Hans-CN'));
}
