import { definePageMessages } from '../../i18n.ts';

definePageMessages(
  'overview',
  {
    title: '{org} · {month} 总览',
    headline: '核心指标',
    all: '全部指标',
    allHint: '按类别列出本月全部指标；点击名称查看趋势、分解与明细。',
    indicator: '指标',
    value: '本月',
    status: '状态',
    vsPrevious: '比上期',
    vsYearAgo: '比去年同期',
  },
  {
    title: '{org} · overview for {month}',
    headline: 'Headline indicators',
    all: 'All indicators',
    allHint: "This month's indicators by category; open one for its trend, breakdown and records.",
    indicator: 'Indicator',
    value: 'This month',
    status: 'Status',
    vsPrevious: 'vs previous',
    vsYearAgo: 'vs a year ago',
  },
);
