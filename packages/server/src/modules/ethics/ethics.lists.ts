import { defineList } from '../../graphql/define-list.js';
import { EthicsEvent } from './ethics-event.entity.js';

export const EthicsEventList = defineList({
  entity: EthicsEvent,
  queryName: 'ethicsEvents',
  zh: '医德医风事件',
  en: 'Medical-ethics events',
  scope: ['department.branch', 'department.hospital.committee'],
  scopeNote: ['子树过滤（按科室所在党支部或医院）', "Subtree filter (by the department's branch or hospital)"],
  orderBy: ['occurredOn', 'type', 'amount'],
  aggregate: {
    persons: 'member_id',
  },
});
