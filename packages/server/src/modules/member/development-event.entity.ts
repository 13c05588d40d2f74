import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { Field, Float, ObjectType } from 'type-graphql';
import { BaseEntity, TimestampedEntity } from '../../graphql/base.entity.js';
import { DevelopmentStage } from '../../domain/enums.js';
import { d } from '../../graphql/describe.js';
import { LocalDate } from '../../graphql/scalars.js';
import { Member } from './member.entity.js';

/**
 * One dated step of a person's development record (发展纪实). A database trigger rejects steps
 * that break the calendar: an application before 18, or an admission-era step before the person
 * joined (see the migration `hub_check_development_event`).
 */
@Entity({
  tableName: 'development_event',
  // Migration20261123031000's function; declared here so the schema diff keeps it.
  triggers: [
    {
      name: 'development_event_check',
      timing: 'before',
      events: ['insert', 'update'],
      expression:
        'create trigger development_event_check before insert or update on development_event for each row execute function hub_check_development_event()',
    },
  ],
})
@Index({ properties: ['member', 'eventDate'] })
@Index({ properties: ['stage', 'eventDate'] })
@ObjectType({
  implements: BaseEntity,
  simpleResolvers: true,
  description: d('发展党员纪实（阶段变化记录）', 'Development record: a dated change of stage'),
})
export class DevelopmentEvent extends TimestampedEntity {
  @Field(() => Member, { description: d('人员', 'Person') })
  @ManyToOne(() => Member, { deleteRule: 'cascade' })
  member!: Member;

  @Field(() => DevelopmentStage, { description: d('环节', 'Stage') })
  @Enum({ items: () => DevelopmentStage })
  stage!: DevelopmentStage;

  @Field(() => LocalDate, { description: d('日期', 'Date') })
  @Property({ type: 'date' })
  eventDate!: string;

  @ManyToOne(() => Member, { nullable: true, deleteRule: 'set null' })
  introducer1?: Member;

  @ManyToOne(() => Member, { nullable: true, deleteRule: 'set null' })
  introducer2?: Member;

  @Field(() => Float, { nullable: true, description: d('培训学时', 'Training hours') })
  @Property({ type: 'double', nullable: true })
  trainingHours?: number;
}
