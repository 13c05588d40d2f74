import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Organization } from './organization.entity.js';

/** How an organisation came to be succeeded (organization.writes.ts: a restructure on a date). */
export enum SuccessionKind {
  MOVE = 'move',
  MERGE = 'merge',
  SPLIT = 'split',
}

/**
 * One organisation succeeded by another on a date: the predecessor was dissolved that day and the successor
 * founded that day (moved under another parent, merged into it, or split off it). The predecessor's rows keep
 * every earlier period's figures where they were; this row says where its story goes on.
 */
@Entity({ tableName: 'organization_succession' })
@Unique({ properties: ['predecessor', 'successor'] })
export class OrganizationSuccession {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  predecessor!: Organization;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  @Index()
  successor!: Organization;

  @Property({ type: 'date' })
  effectiveOn!: string;

  @Enum({ items: () => SuccessionKind })
  kind!: SuccessionKind;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;
}
