/**
 * What an aggregate can group by and measure, derived from the list's read model (model.ts) — so
 * personal columns, which the schema does not expose, can be neither grouped nor measured: the keys
 * (columns, columns one hop through a relation, the relation itself, the organisation at a level of the
 * tree), the measurable fields and the ratios the list declares.
 */
import { listSpecs, type AggregateSpec, type Band, type ListSpec } from '../define-list.js';
import { fieldDescription, modelOf, type ColumnField, type EntityModel } from '../model.js';
import { BUCKETS, LEVELS, type Bucket, type Level } from './enums.js';

export interface KeyDef {
  /** The GraphQL enum value, e.g. RESPONDED_ON_MONTH. */
  value: string;
  /** The output field on XGroupKeys, e.g. respondedOnMonth. */
  field: string;
  kind: 'enum' | 'boolean' | 'int' | 'date' | 'relation' | 'org' | 'band';
  /** Column (enum, boolean, int, date) or relation name. */
  name?: string;
  column?: string;
  bucket?: Bucket;
  datetime?: boolean;
  level?: Level;
  /** Target entity of a relation key, or Organization. */
  target?: string;
  ascending?: readonly string[];
  /** A column of what a relation points to (one hop): the relation. */
  via?: { name: string; column: string; table: string };
  /** The model the column belongs to (the entity's own, or the relation's target). */
  model?: EntityModel;
  zh: string;
  en: string;
  /** A rough number of distinct values (for the cost before the statement runs). */
  cardinality: number;
  /** A band key: its declaration, and once checked (check.ts) the edges and the year asked. */
  band?: { name: string; def: Band; edges?: number[]; year?: number };
}

type NewKey = Omit<KeyDef, 'field'>;
/** What a column's keys share: where it is, and its enum value and labels (prefixed through a relation). */
type ColumnBase = Pick<KeyDef, 'name' | 'column' | 'model' | 'via' | 'value' | 'zh' | 'en'>;

export const upperSnake = (prop: string) => prop.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
const camel = (value: string) => value.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A field's Chinese and English label, from its GraphQL description. */
export const labelOf = (model: EntityModel, name: string): [string, string] => {
  const [zh, en] = (fieldDescription(model.cls, name) ?? `${name} / ${name}`).split(' / ');
  return [zh!, en ?? zh!];
};

/** A date column's keys: one per bucket. */
const bucketKeys = (base: ColumnBase, datetime: boolean): NewKey[] =>
  (Object.entries(BUCKETS) as [Bucket, (typeof BUCKETS)[Bucket]][]).map(([bucket, b]) => ({
    ...base,
    value: `${base.value}_${bucket}`,
    kind: 'date',
    bucket,
    datetime,
    zh: `${base.zh}（按${b.zh}）`,
    en: `${base.en} (by ${b.en})`,
    cardinality: b.cardinality,
  }));

/** The keys one column gives: an enum, a boolean or a whole number (unless a measure only), or a date by bucket. */
function keysOfColumn(c: ColumnField, base: ColumnBase, measureOnly: readonly string[]): NewKey[] {
  if (c.scalar === 'enum') return [{ ...base, kind: 'enum', ascending: c.enum!.ascending, cardinality: c.enum!.ascending.length + 1 }];
  if (c.scalar === 'boolean') return [{ ...base, kind: 'boolean', cardinality: 3 }];
  if (c.scalar === 'int' && !measureOnly.includes(c.name)) return [{ ...base, kind: 'int', cardinality: 100 }];
  if (c.scalar === 'date' || c.scalar === 'datetime') return bucketKeys(base, c.scalar === 'datetime');
  return [];
}

/** Keys from the columns of `model`, prefixed when reached through a relation (`via`). */
function columnKeys(model: EntityModel, measureOnly: readonly string[], via?: KeyDef['via'], prefix = ['', '', '']): NewKey[] {
  const [vp, pzh, pen] = prefix;
  return [...model.columns.values()].flatMap((c) => {
    const [zh, en] = labelOf(model, c.name);
    const base = {
      name: c.name,
      column: c.column,
      model,
      ...(via ? { via } : {}),
      value: `${vp}${upperSnake(c.name)}`,
      zh: `${pzh}${zh}`,
      en: `${pen}${en}`,
    };
    return keysOfColumn(c, base, measureOnly);
  });
}

/** What a row points to, one hop: the activity's type and date for an attendance, the survey's kind for a response. */
const throughRelations = (model: EntityModel): NewKey[] =>
  [...model.relations.values()].flatMap((r) => {
    const target = modelOf(r.target);
    const [zh, en] = labelOf(model, r.name);
    const measureOnly = listSpecs().find((l) => l.entity.name === r.target)?.aggregate?.measureOnly ?? [];
    return columnKeys(target, measureOnly, { name: r.name, column: r.column, table: target.table }, [
      `${upperSnake(r.name)}_`,
      `${zh}·`,
      `${en}: `,
    ]);
  });

/** The relations themselves (a department, a survey). */
const relationKeys = (model: EntityModel): NewKey[] =>
  [...model.relations.values()].map((r) => {
    const [zh, en] = labelOf(model, r.name);
    return { value: upperSnake(r.name), kind: 'relation', name: r.name, column: r.column, target: r.target, zh, en, cardinality: 500 };
  });

/** The organisation at each level above a row, for lists under the tree (not the organisations themselves). */
const levelKeys = (spec: ListSpec): NewKey[] =>
  spec.scope.length && !spec.scope.includes('')
    ? (Object.entries(LEVELS) as [Level, (typeof LEVELS)[Level]][]).map(([level, l]) => ({
        value: `ORGANIZATION_${level}`,
        kind: 'org',
        level,
        target: 'Organization',
        zh: l.zh,
        en: l.en,
        cardinality: 200,
      }))
    : [];

/** The banded values a list declares (a member's age): one key each. */
const bandKeys = (spec: ListSpec): NewKey[] =>
  Object.entries(spec.aggregate?.bands ?? {}).map(([name, def]) => ({
    value: `${upperSnake(name)}_BAND`,
    kind: 'band',
    band: { name, def },
    zh: `${def.zh}（分段）`,
    en: `${def.en} (in bands)`,
    cardinality: 22,
  }));

/** Every key of a list, each value once (the first way to reach it wins). */
function keyDefs(spec: ListSpec): KeyDef[] {
  const model = modelOf(spec.entity);
  const keys = new Map<string, KeyDef>();
  const found = [
    ...columnKeys(model, spec.aggregate?.measureOnly ?? []),
    ...throughRelations(model),
    ...relationKeys(model),
    ...levelKeys(spec),
    ...bandKeys(spec),
  ];
  for (const k of found) if (!keys.has(k.value)) keys.set(k.value, { ...k, field: camel(k.value) });
  return [...keys.values()];
}

export interface MeasurableField {
  name: string;
  column: string;
  numeric: boolean;
}

/** One list's aggregate: its keys, measurable fields and ratios by enum value, and its GraphQL names. */
export interface Entity {
  spec: ListSpec;
  model: EntityModel;
  keys: Map<string, KeyDef>;
  /** Measurable fields by enum value: columns and relations (relations only for COUNT_DISTINCT). */
  fields: Map<string, MeasurableField>;
  ratios: Map<string, { name: string; def: NonNullable<AggregateSpec['ratios']>[string] }>;
  typeName: string;
  queryName: string;
}

const NUMERIC = new Set(['int', 'float', 'decimal']);

function measurableFields(model: EntityModel): Map<string, MeasurableField> {
  const fields = new Map<string, MeasurableField>();
  for (const c of model.columns.values())
    fields.set(upperSnake(c.name), { name: c.name, column: c.column, numeric: NUMERIC.has(c.scalar) });
  for (const r of model.relations.values()) fields.set(upperSnake(r.name), { name: r.name, column: r.column, numeric: false });
  return fields;
}

export function entityOf(spec: ListSpec): Entity {
  const model = modelOf(spec.entity);
  return {
    spec,
    model,
    keys: new Map(keyDefs(spec).map((k) => [k.value, k])),
    fields: measurableFields(model),
    ratios: new Map(Object.entries(spec.aggregate?.ratios ?? {}).map(([name, def]) => [upperSnake(name), { name, def }])),
    typeName: model.name,
    queryName: `${spec.queryName}Aggregate`,
  };
}

/** The declared aggregates, by type name (aggregateResolvers fills it). */
export const entities = new Map<string, Entity>();
