import { definePageMessages } from '../../i18n.ts';

definePageMessages(
  'honors',
  {
    title: '{org} · 荣誉（截至 {month}）',
    byLevel: '荣誉数量 · 按年份与级别',
    byLevelSub: '{from}–{to} 年，{to} 年统计至 {month}；柱顶为全年合计',
    list: '荣誉清单',
    listSub: '按授予日期从新到旧；个人荣誉只显示所在单位，不显示姓名',
    shown: '已显示 {n} / {total} 条',
    more: '加载更多',
    total: '合计',
    year: '{y}年',
    col: { date: '授予日期', title: '荣誉名称', level: '级别', category: '类别', issuer: '授予单位', recipient: '获得者' },
    person: '个人 · {org}',
    times: '（共 {n} 项）',
  },
  {
    title: '{org} · honors (to {month})',
    byLevel: 'Honors by year and level',
    byLevelSub: '{from}–{to}, {to} up to {month}; the figure above each bar is the yearly total',
    list: 'Honors',
    listSub: 'Newest first; for an honor to a person only the unit is shown, never the name',
    shown: '{n} of {total} shown',
    more: 'Load more',
    total: 'Total',
    year: '{y}',
    col: { date: 'Awarded on', title: 'Title', level: 'Level', category: 'Category', issuer: 'Issuer', recipient: 'Recipient' },
    person: 'Person · {org}',
    times: ' ({n} alike)',
  },
);
