/** 指标：目录、看板、序列、分解、依据、实时推送、目标与权重 / Indicators: catalog, board, series, breakdown, evidence, live, targets and weights. */
import { defineFeature } from '../../graphql/feature.js';
import { EvidenceRecordResolver, EvidenceResolver } from './evidence.resolver.js';
import { IndicatorBoardResolver, IndicatorBreakdownRowResolver, IndicatorTargetResolver } from './indicator-fields.resolver.js';
import {
  IndicatorCell,
  IndicatorCellDelta,
  IndicatorDefinitionBuilt,
  IndicatorRange,
  IndicatorRebuildProgress,
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
  // The engine's tables (not GraphQL types).
  entities: [
    IndicatorCell,
    IndicatorCellDelta,
    IndicatorTarget,
    IndicatorRange,
    IntegrationWeight,
    IndicatorDefinitionBuilt,
    IndicatorReport,
    IndicatorRebuildProgress,
  ],
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
