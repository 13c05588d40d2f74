/** 荣誉与示范岗 / Honors and model posts. */
import { defineFeature } from '../../graphql/feature.js';
import { HonorWriteResolver } from './honor.resolver.js';
import { Honor } from './honor.entity.js';
import { ModelPost } from './model-post.entity.js';
import { HonorList, ModelPostList } from './honor.lists.js';
import { ModelPostWriteResolver } from './model-post.resolver.js';

export const honor = defineFeature({
  name: 'honor',
  entities: [Honor, ModelPost],
  lists: [HonorList, ModelPostList],
  resolvers: [HonorWriteResolver, ModelPostWriteResolver],
});
