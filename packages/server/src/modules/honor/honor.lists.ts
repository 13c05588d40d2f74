import { defineList } from '../../graphql/define-list.js';
import { Honor } from './honor.entity.js';
import { ModelPost } from './model-post.entity.js';

export const HonorList = defineList({
  entity: Honor,
  queryName: 'honors',
  zh: '荣誉',
  en: 'Honors',
  scope: ['organization', 'department.branch', 'hospital.committee'],
  scopeNote: [
    '子树过滤：授予该党组织子树内组织、人员、科室或医院的荣誉',
    'Subtree filter: honors of organisations, people, departments or hospitals under this organisation',
  ],
  orderBy: ['awardedOn', 'level', 'category', 'recipientType'],
  aggregate: {
    persons: 'member_id',
  },
});

export const ModelPostList = defineList({
  entity: ModelPost,
  queryName: 'modelPosts',
  zh: '党员示范岗',
  en: 'Model posts',
  scope: ['organization', 'department.branch'],
  orderBy: ['establishedOn', 'type', 'level'],
  aggregate: {},
});
