/**
 * The indicator engine's tables. Not GraphQL types: the engine answers through its own resolvers.
 * - indicator_cell: numerator and denominator of one indicator for one organisation's whole subtree and
 *   one period (month, quarter, year or year-to-date key); kept exact by every write path.
 * - indicator_target: a target and warning threshold set on an organisation, inherited down the tree,
 *   effective from a date (setting a 2026 target does not change 2025's status).
 * - indicator_range: the months the cells cover (one row).
 * - indicator_rebuild_progress: the hospitals a per-hospital rebuild has done (it resumes after them).
 * - indicator_report: a figure an organisation reports for an indicator and a period of its grain, or that it
 *   does not disclose (reportIndicatorValue): shown where it has no records, beside them where it has.
 */
import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Organization } from '../organization/organization.entity.js';

@Entity({ tableName: 'indicator_cell' })
@Index({ properties: ['indicatorId', 'period'] })
export class IndicatorCell {
  @ManyToOne(() => Organization, { primary: true, deleteRule: 'cascade', fieldName: 'org_id' })
  org!: Organization;

  @PrimaryKey({ type: 'string', length: 12 })
  period!: string;

  @PrimaryKey({ type: 'string', length: 64 })
  indicatorId!: string;

  @Property({ type: 'decimal', precision: 18, scale: 4, default: 0 })
  numerator!: string;

  @Property({ type: 'decimal', precision: 18, scale: 4, default: 0 })
  denominator!: string;
}

@Entity({ tableName: 'indicator_target' })
@Unique({ properties: ['org', 'indicatorId', 'effectiveFrom'] })
export class IndicatorTarget {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  org!: Organization;

  @Property({ type: 'string', length: 64 })
  indicatorId!: string;

  @Property({ type: 'date' })
  effectiveFrom!: string;

  @Property({ type: 'decimal', precision: 18, scale: 4, nullable: true })
  target?: string | null;

  @Property({ type: 'decimal', precision: 18, scale: 4, nullable: true })
  warning?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

@Entity({ tableName: 'indicator_range' })
@Check({ name: 'indicator_range_single', expression: 'id = 1' })
export class IndicatorRange {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id: number = 1;

  @Property({ type: 'date' })
  firstMonth!: string;

  @Property({ type: 'date' })
  lastMonth!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  builtAt: Date = new Date();
}

/**
 * The definition each indicator's cells were built with (a hash of its SQL): a hub whose definitions
 * changed since (an upgrade) rebuilds those indicators' cells when it starts.
 */
@Entity({ tableName: 'indicator_definition' })
export class IndicatorDefinitionBuilt {
  @PrimaryKey({ type: 'string', length: 64 })
  indicatorId!: string;

  @Property({ type: 'string', length: 64 })
  sqlHash!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  builtAt: Date = new Date();
}

/**
 * The hospitals a per-hospital rebuild (`pnpm indicators:rebuild --hospital all`) has committed: an
 * interrupted run resumes after them (indicators/rebuild-hospital.ts); `--restart` empties it.
 */
@Entity({ tableName: 'indicator_rebuild_progress' })
export class IndicatorRebuildProgress {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  hospitalId!: number;

  @Property({ type: 'integer' })
  cells!: number;

  @Property({ type: 'integer' })
  ms!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  rebuiltAt: Date = new Date();
}

/** Weights of the integration index set on an organisation (a hospital), replacing the catalog's defaults from a date on. */
@Entity({ tableName: 'integration_weight' })
@Unique({ properties: ['org', 'indicatorId', 'effectiveFrom'] })
@Check({ name: 'integration_weight_positive', expression: 'weight >= 0' })
export class IntegrationWeight {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  org!: Organization;

  @Property({ type: 'string', length: 64 })
  indicatorId!: string;

  @Property({ type: 'date' })
  effectiveFrom!: string;

  @Property({ type: 'decimal', precision: 8, scale: 3 })
  weight!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/**
 * A reported figure (报送值): a value (with its numerator and denominator for a rate) or "not disclosed", for one
 * indicator, one organisation's whole subtree and one period of the indicator's grain. Records win: where the
 * cells hold any, the report is shown beside them as a discrepancy.
 */
@Entity({ tableName: 'indicator_report' })
@Unique({ properties: ['org', 'indicatorId', 'period'] })
@Check({
  name: 'indicator_report_disclosure',
  expression:
    "(disclosure = 'not_disclosed' and value is null and numerator is null and denominator is null) or (disclosure = 'reported' and value is not null)",
})
export class IndicatorReport {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  org!: Organization;

  @Property({ type: 'string', length: 64 })
  indicatorId!: string;

  /** A period key of the indicator's grain (2026-11, 2026-Q3, 2026). */
  @Property({ type: 'string', length: 12 })
  period!: string;

  @Property({ type: 'string', length: 16 })
  disclosure!: 'reported' | 'not_disclosed';

  @Property({ type: 'decimal', precision: 18, scale: 4, nullable: true })
  value?: string | null;

  @Property({ type: 'decimal', precision: 18, scale: 4, nullable: true })
  numerator?: string | null;

  @Property({ type: 'decimal', precision: 18, scale: 4, nullable: true })
  denominator?: string | null;

  /** Where the figure comes from (the national platform, the annual report …). */
  @Property({ type: 'string', length: 500, nullable: true })
  source?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/**
 * The cells' changes above the hospitals, pending (indicators/cells.ts, indicators/fold.ts): a write keeps its
 * hospital's cells exact up to the hospital's root in its own transaction and appends here what it adds to the
 * organisations above (upper bodies); the folder moves these rows into indicator_cell every few seconds. Append-only
 * for writes, so no two hospitals' writes wait on the same row; each row carries its writing hospital, so under a
 * sharded PostgreSQL the append stays on that hospital's shard. No foreign keys: a log of additions, whose
 * organisations the fold joins (a row of an organisation deleted meanwhile is dropped with nothing to add to).
 */
@Entity({ tableName: 'indicator_cell_delta' })
export class IndicatorCellDelta {
  /** First in the key: under Citus the table is distributed by it (db/citus-plan.ts), and a key must hold it. */
  @PrimaryKey({ type: 'integer', autoincrement: false })
  hospitalId!: number;

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'string', length: 64 })
  indicatorId!: string;

  @Property({ type: 'integer' })
  orgId!: number;

  @Property({ type: 'string', length: 12 })
  period!: string;

  @Property({ type: 'decimal', precision: 18, scale: 4 })
  numerator!: string;

  @Property({ type: 'decimal', precision: 18, scale: 4 })
  denominator!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
