/**
 * The records behind an indicator: every record of its numerator and denominator for an organisation's
 * subtree and a period, counted or not and why, paged (indicators/evidence.ts holds the statements).
 */
import { indicator as definition, judgedPeriod, type Indicator, type Period } from '@party-hub/schema/indicators';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Reader } from '../../db/reader.js';
import { raw, sql } from '../../db/sql.js';
import { badInput, Reason } from '../../errors.js';
import { d } from '../../graphql/describe.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { MAX_EVIDENCE_PAGE, STATEMENT_COST } from '../../graphql/limits.js';
import { loadEntity } from '../../graphql/resolve.js';
import { ancestors, SCOPE_MARK } from '../../graphql/where.js';
import { EVIDENCE_SQL, evidenceSql } from '../../indicators/evidence.js';
import type { StoredIndicatorId } from '../../indicators/sql.js';
import { points } from '../../indicators/engine.js';
import { overPersons } from '../../indicators/suppress.js';
import { Organization } from '../organization/organization.entity.js';
import {
  catalogTarget,
  cursorOf,
  definitionOf,
  indicatorIds,
  notFuture,
  offsetOf,
  ORG_ARG,
  orgIdOf,
  PERIOD_ARG,
} from './indicator.mapping.js';
import { EvidenceRecord, IndicatorEvidence, PeriodScalar, type EvidenceRecordType } from './indicator.types.js';

interface EvidenceRow {
  numerator: number;
  denominator: number;
  total: number;
  record_type: EvidenceRecordType | null;
  record_id: number;
  label: string;
  on_date: string | null;
  org_id: number;
  num: number;
  den: number;
}

function evidenceIndicator(id: string): Indicator {
  const [wanted] = indicatorIds([id], ['indicatorEvidence', 'id']);
  if (!(wanted! in EVIDENCE_SQL)) {
    throw badInput(
      Reason.indicatorDerived,
      ['indicatorEvidence', 'id'],
      `${wanted} 由其他指标计算：其依据见 integrationIndex（各组成指标的值、权重与贡献）`,
      `${wanted} is computed from other indicators: its evidence is integrationIndex (each component’s value, weight and contribution)`,
    );
  }
  return definition(wanted!)!;
}

function pageSize(first: number | undefined): number {
  const size = first ?? 50;
  if (size >= 1 && size <= MAX_EVIDENCE_PAGE) return size;
  throw badInput(
    Reason.paginationRange,
    ['indicatorEvidence', 'first'],
    `first 应在 1–${MAX_EVIDENCE_PAGE}`,
    `first must be 1–${MAX_EVIDENCE_PAGE}`,
  );
}

async function evidenceRows(
  reader: Reader,
  def: Indicator,
  org: number,
  period: Period,
  counted: boolean | null,
  size: number,
  offset: number,
) {
  // The organisations whose records count: the subtree, within the account's scope (the statement below reads
  // facts of these organisations only, so its scope is this list: it carries the mark for the scope check).
  const scope =
    reader.scope === null ? raw('') : sql` and ${raw(SCOPE_MARK)} ${ancestors(raw('organization'))} && ${[...reader.scope]}::int[]`;
  const subtree = (
    await reader.rows<{ id: number }>(
      sql`select id from organization where path like (select path from organization where id = ${org}) || '%'${scope}`,
    )
  ).map((r) => r.id);
  return reader.rows<EvidenceRow>({
    text: `${reader.scope === null ? '' : `${SCOPE_MARK} `}${evidenceSql(def.id as StoredIndicatorId)}`,
    values: [[period.key], [period.start], [period.end], subtree, counted, size, offset],
  } as never);
}

/** A page of records (the first row carries the totals; a page of none still has it). */
function evidenceOf(def: Indicator, period: Period, rows: EvidenceRow[], offset: number): IndicatorEvidence {
  const head = rows[0]!;
  const page = rows.filter((r) => r.record_type != null);
  const yes = { zh: def.numerator.zh, en: def.numerator.en };
  // "未计入：满意答卷" read as if satisfied answers were left out: say which side it is on.
  const no = {
    zh: `不计入分子（不属于“${def.numerator.zh}”），计入分母`,
    en: `not in the numerator (not “${def.numerator.en}”), in the denominator`,
  };
  return {
    indicator: definitionOf(def, catalogTarget(def)),
    period: period.key,
    numerator: head.numerator,
    denominator: head.denominator,
    totalCount: head.total,
    hasNextPage: offset + page.length < head.total,
    endCursor: page.length ? cursorOf(offset + page.length) : null,
    nodes: page.map((r) => ({
      recordType: r.record_type!,
      recordId: toGlobalId(r.record_type!, r.record_id),
      label: r.label,
      date: r.on_date,
      numerator: r.num,
      denominator: r.den,
      counted: r.num !== 0,
      reason: r.num !== 0 || r.den === 0 ? yes : no,
      orgId: r.org_id,
    })),
  };
}

/**
 * Whether the counts are withheld from this caller: the value they add up to is suppressed (a small cell for
 * a role without personal access, indicators/suppress.ts), so they would give it away.
 */
async function withheld(reader: Reader, def: Indicator, org: number, period: Period): Promise<boolean> {
  if (!reader.minCell || !overPersons(def.id)) return false;
  return (await points(reader, [org], [period], [def.id])).get(org, period.key, def.id)?.nullReason === 'SUPPRESSED';
}

const withheldEvidence = (def: Indicator, period: Period): IndicatorEvidence => ({
  indicator: definitionOf(def, catalogTarget(def)),
  period: period.key,
  numerator: null,
  denominator: null,
  totalCount: null,
  nullReason: 'SUPPRESSED',
  hasNextPage: false,
  endCursor: null,
  nodes: [],
});

@Resolver()
export class EvidenceResolver {
  @Query(() => IndicatorEvidence, {
    nullable: true,
    complexity: ({ childComplexity, args }) =>
      3 * STATEMENT_COST + Math.min(Number(args.first ?? 50), MAX_EVIDENCE_PAGE) * Math.max(1, childComplexity),
    description: d(
      '指标依据：构成分子和分母的记录，逐条标明是否计入及原因；分子分母之和与指标值一致',
      'The records behind an indicator: every record of the numerator and the denominator, counted or not and why; their sums equal the numerator and denominator',
    ),
  })
  async indicatorEvidence(
    @Ctx() ctx: Context,
    @Arg('id', () => String, { description: d('指标ID', 'Indicator id') }) id: string,
    @Arg('orgId', () => ID, { description: ORG_ARG }) orgId: string,
    @Arg('period', () => PeriodScalar, { description: PERIOD_ARG }) period: Period,
    @Arg('counted', () => Boolean, {
      nullable: true,
      description: d('只看计入（true）或未计入（false）的记录', 'Only counted (true) or only not counted (false)'),
    })
    counted?: boolean | null,
    @Arg('first', () => Int, { defaultValue: 50, description: d('每页条数（≤ 1000）', 'Page size (≤ 1000)') }) first?: number,
    @Arg('after', () => String, { nullable: true, description: d('游标（上一页的 endCursor）', 'Cursor (the previous page’s endCursor)') })
    after?: string | null,
  ): Promise<IndicatorEvidence> {
    const def = evidenceIndicator(id);
    notFuture(period, ['indicatorEvidence', 'period']);
    const size = pageSize(first);
    const offset = after ? offsetOf(after) : 0;
    const org = await orgIdOf(ctx, orgId, ['indicatorEvidence', 'orgId']);
    // The records of the span the value is measured over (a quarterly indicator in November: October–November).
    const judged = judgedPeriod(def.grain, period);
    if (await withheld(ctx.reader, def, org, period)) return withheldEvidence(def, period);
    return evidenceOf(def, period, await evidenceRows(ctx.reader, def, org, judged, counted ?? null, size, offset), offset);
  }
}

@Resolver(() => EvidenceRecord)
export class EvidenceRecordResolver {
  @FieldResolver(() => Organization, { description: d('记录所属党组织', 'The organisation it counts under') })
  organization(@Root() r: EvidenceRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return loadEntity(ctx, info, 'Organization', r.orgId);
  }
}
