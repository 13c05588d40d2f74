/** 医德医风事件 / Medical-ethics events. */
import { defineFeature } from '../../graphql/feature.js';
import { EthicsEvent } from './ethics-event.entity.js';
import { EthicsEventList } from './ethics.lists.js';
import { EthicsWriteResolver } from './ethics.resolver.js';

export const ethics = defineFeature({
  name: 'ethics',
  entities: [EthicsEvent],
  lists: [EthicsEventList],
  resolvers: [EthicsWriteResolver],
});
