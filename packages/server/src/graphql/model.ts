/**
 * The read model: what the GraphQL layer knows of each entity, derived from the two declarations
 * that already exist — MikroORM's metadata (table, columns, relations) and type-graphql's field
 * metadata (which properties the schema exposes, with which GraphQL type). Nothing here is listed
 * by hand: a property without a GraphQL field (a member's name, ID-card number, mobile) is neither
 * filterable, orderable nor ever read by the read path.
 */
import { ReferenceKind, type EntityMetadata, type EntityProperty, type MetadataStorage } from '@mikro-orm/postgresql';
import { getMetadataStorage } from 'type-graphql';
import { GraphQLScalarType } from 'graphql';
import { enumInfo, type EnumInfo } from '../domain/bilingual-enum.js';

export type EntityClass<E = object> = (abstract new (...args: never[]) => E) & { name: string; prototype: object };

export type ScalarKind = 'int' | 'float' | 'decimal' | 'string' | 'boolean' | 'date' | 'datetime' | 'enum';

/** A GraphQL field backed by one column. */
export interface ColumnField {
  kind: 'column';
  name: string;
  column: string;
  scalar: ScalarKind;
  nullable: boolean;
  enum?: EnumInfo;
  /** The enum object registered with type-graphql (for the enum's filter input). */
  enumType?: object;
}

/** A GraphQL field backed by a many-to-one foreign key. */
export interface RelationField {
  kind: 'relation';
  name: string;
  column: string;
  nullable: boolean;
  target: string;
}

export interface EntityModel {
  name: string;
  cls: EntityClass;
  table: string;
  /** Exposed scalar fields by GraphQL field name. */
  columns: Map<string, ColumnField>;
  /** Exposed many-to-one relations by GraphQL field name. */
  relations: Map<string, RelationField>;
  /** Every many-to-one relation, exposed or not (scope paths may go through hidden ones). */
  allRelations: Map<string, RelationField>;
}

let metadata: MetadataStorage | undefined;

/**
 * Hands the running ORM's entity metadata to the read model (the composition root does, before the
 * schema is built); the read model never makes an ORM of its own.
 */
export function useMetadata(storage: MetadataStorage): void {
  metadata ??= storage;
}

function entityMetadata(): MetadataStorage {
  if (!metadata) throw new Error("no entity metadata: build the schema through app/schema.ts with the ORM's metadata");
  return metadata;
}

/** type-graphql's fields of a class, its abstract bases included (BaseEntity declares `id`). */
function graphqlFields(cls: EntityClass) {
  const chain: object[] = [];
  for (let p: object | null = cls; p && p !== Function.prototype; p = Object.getPrototypeOf(p)) chain.push(p);
  return getMetadataStorage().fields.filter((f) => chain.includes(f.target));
}

function scalarKind(prop: EntityProperty, gqlType: unknown): ScalarKind {
  if (enumInfo.has(gqlType as object)) return 'enum';
  const column = (prop.columnTypes?.[0] ?? '').toLowerCase();
  if (gqlType instanceof GraphQLScalarType && gqlType.name === 'Decimal') return 'decimal';
  if (column.startsWith('numeric') || column.startsWith('decimal')) return 'decimal';
  if (column === 'date') return 'date';
  if (column.startsWith('timestamp')) return 'datetime';
  if (column === 'boolean') return 'boolean';
  if (/^(serial|int|integer|smallint|bigint)/.test(column)) return 'int';
  if (/^(double|real|float)/.test(column)) return 'float';
  return 'string';
}

function buildModel(meta: EntityMetadata): EntityModel {
  const cls = meta.class as unknown as EntityClass;
  const exposed = new Map(graphqlFields(cls).map((f) => [f.name, f]));
  const model: EntityModel = {
    name: meta.className,
    cls,
    table: meta.tableName,
    columns: new Map(),
    relations: new Map(),
    allRelations: new Map(),
  };
  for (const prop of Object.values<EntityProperty>(meta.properties)) {
    if (prop.kind === ReferenceKind.MANY_TO_ONE) {
      const rel: RelationField = {
        kind: 'relation',
        name: prop.name,
        column: prop.fieldNames[0],
        nullable: !!prop.nullable,
        target: prop.targetMeta!.className,
      };
      model.allRelations.set(prop.name, rel);
      if (exposed.has(prop.name)) model.relations.set(prop.name, rel);
      continue;
    }
    const field = exposed.get(prop.name);
    if (prop.kind !== ReferenceKind.SCALAR || !field || prop.formula) continue;
    const gqlType = field.getType();
    model.columns.set(prop.name, {
      kind: 'column',
      name: prop.name,
      column: prop.fieldNames[0],
      scalar: scalarKind(prop, gqlType),
      nullable: !!prop.nullable,
      ...(enumInfo.has(gqlType as object) ? { enum: enumInfo.get(gqlType as object)!, enumType: gqlType as object } : {}),
    });
  }
  return model;
}

const models = new Map<string, EntityModel>();

/** The read model of an entity (by class or class name). */
export function modelOf(entity: EntityClass | string): EntityModel {
  const name = typeof entity === 'string' ? entity : entity.name;
  let model = models.get(name);
  if (!model) {
    const meta = entityMetadata().getByClassName(name, false);
    if (!meta) throw new Error(`${name} is not a MikroORM entity`);
    model = buildModel(meta);
    models.set(name, model);
  }
  return model;
}

/** The GraphQL description a field was declared with (used for order-field descriptions). */
export function fieldDescription(cls: EntityClass, name: string): string | undefined {
  return graphqlFields(cls).find((f) => f.name === name)?.description;
}
