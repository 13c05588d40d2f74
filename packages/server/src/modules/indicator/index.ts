/** 指标：目录、看板、序列、分解、依据、实时推送、目标与权重 / Indicators: catalog, board, series, breakdown, evidence, live, targets and weights. */
import { defineFeature } from '../../graphql/feature.js';
import { EvidenceRecordResolver, EvidenceResolver } from './evidence.resolver.js';
import { IndicatorBoardResolver, IndicatorBreakdownRowResolver, IndicatorTargetResolver } from './indicator-fields.resolver.js';
import {
  AuditLog,
  IndicatorCell,
  IndicatorDefinitionBuilt,
  IndicatorRange,
  IndicatorReport,
  IndicatorTarget,
  IntegrationWeight,
} from './indicator.entity.js';
import { IndicatorResolver } from './indicator.resolver.js';
import { IndexWeightsResolver, IntegrationResolver } from './integration.resolver.js';
import { IndicatorLiveResolver } from './live.resolver.js';
import { ReportWriteResolver } from './report.resolver.js';
import { TargetWriteResolver } from './targets.resolver.js';

export const indicator = defineFeature({
  name: 'indicator',
  // The engine's tables (not GraphQL types) and the audit log every write appends to.
  entities: [IndicatorCell, IndicatorTarget, IndicatorRange, IntegrationWeight, IndicatorDefinitionBuilt, IndicatorReport, AuditLog],
  lists: [],
  resolvers: [
    IndicatorResolver,
    EvidenceResolver,
    IndicatorBoardResolver,
    IndicatorBreakdownRowResolver,
    EvidenceRecordResolver,
    IndicatorTargetResolver,
    IndicatorLiveResolver,
    IntegrationResolver,
    IndexWeightsResolver,
    TargetWriteResolver,
    ReportWriteResolver,
  ],
});
