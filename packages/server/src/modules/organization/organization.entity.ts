import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../../graphql/scalars.js';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { HospitalLevel, OrgCategory, OrgKind } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';

/**
 * A Party organisation: 上级党组织 → 党委 → 党总支 → 党支部 → 党小组, any depth.
 * `path` ("/1/7/42/") is kept by a database trigger, so a subtree is one indexed LIKE predicate.
 */
@Entity({
  tableName: 'organization',
  // Kept by Migration20261123031000's functions; declared here so the schema diff keeps them.
  triggers: [
    {
      name: 'organization_path_before',
      timing: 'before',
      events: ['insert', 'update'],
      expression:
        'create trigger organization_path_before before insert or update of parent_id on organization for each row execute function hub_organization_path()',
    },
    {
      name: 'organization_path_after',
      timing: 'after',
      events: ['update'],
      expression:
        'create trigger organization_path_after after update of parent_id on organization for each row when (old.parent_id is distinct from new.parent_id) execute function hub_organization_move_subtree()',
    },
  ],
})
@Index({
  name: 'organization_path_pattern_index',
  expression: 'create index "organization_path_pattern_index" on "organization" ("path" text_pattern_ops)',
})
@Index({
  name: 'organization_ancestors_index',
  expression: `create index "organization_ancestors_index" on "organization" using gin ((string_to_array(trim(both '/' from "path"), '/')::int[]))`,
})
@ObjectType({
  implements: BaseEntity,
  simpleResolvers: true,
  description: d(
    '党组织（党委、党总支、党支部、党小组等，任意层级）',
    'Party organisation (committee, general branch, branch, party group …, any depth)',
  ),
})
export class Organization extends TimestampedEntity {
  @Field(() => Organization, { nullable: true, description: d('上级党组织', 'Parent organisation') })
  @Index()
  @ManyToOne(() => Organization, { nullable: true, deleteRule: 'restrict' })
  parent?: Organization;

  @Field(() => String, { description: d('名称', 'Name') })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: d('简称/编码', 'Short code') })
  @Property({ type: 'string', length: 64, nullable: true })
  code?: string;

  @Field(() => OrgKind, { description: d('类型', 'Kind') })
  @Enum({ items: () => OrgKind })
  @Index()
  kind!: OrgKind;

  @Field(() => OrgCategory, { nullable: true, description: d('类别', 'Category') })
  @Enum({ items: () => OrgCategory, nullable: true })
  category?: OrgCategory;

  @Field(() => String, {
    description: d('物化路径（祖先ID链，由数据库维护）', 'Materialised path of ancestor row ids (kept by the database)'),
  })
  @Property({ type: 'string', length: 512, defaultRaw: `''` })
  path!: string;

  @Field(() => Int, { description: d('层级深度（根为0）', 'Depth in the tree (root = 0)') })
  @Property({ type: 'smallint', default: 0 })
  depth!: number;

  @Field(() => LocalDate, { nullable: true, description: d('成立日期', 'Founded on') })
  @Property({ type: 'date', nullable: true })
  foundedOn?: string;

  @Field(() => LocalDate, { nullable: true, description: d('撤销日期（空表示仍存续）', 'Dissolved on (null while active)') })
  @Property({ type: 'date', nullable: true })
  dissolvedOn?: string;

  @Field(() => LocalDate, { nullable: true, description: d('本届任期开始日期', 'Start of the current term') })
  @Property({ type: 'date', nullable: true })
  termStart?: string;

  @Field(() => Int, {
    nullable: true,
    description: d('任期年限（支部3年，党委5年）', 'Term length in years (3 for branches, 5 for committees)'),
  })
  @Property({ type: 'smallint', nullable: true })
  termYears?: number;
}

/** A hospital, led by its Party committee (党委领导下的院长负责制). */
@Entity({ tableName: 'hospital' })
@ObjectType({ implements: BaseEntity, simpleResolvers: true, description: d('医院', 'Hospital') })
export class Hospital extends TimestampedEntity {
  @Field(() => String, { description: d('医院名称', 'Name') })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => HospitalLevel, { nullable: true, description: d('医院等级', 'Grade') })
  @Enum({ items: () => HospitalLevel, nullable: true })
  level?: HospitalLevel;

  @Field(() => String, { nullable: true, description: d('医院类型（综合、专科、中医等）', 'Type (general, specialised, TCM …)') })
  @Property({ type: 'string', length: 64, nullable: true })
  type?: string;

  @Field(() => String, { nullable: true, description: d('所在地区', 'Region') })
  @Property({ type: 'string', length: 64, nullable: true })
  region?: string;

  /** The hospital's Party committee: the root of its organisation subtree. */
  @Field(() => Organization, { description: d('医院党委', "The hospital's Party committee") })
  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  @Index()
  committee!: Organization;
}
