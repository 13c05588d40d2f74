/**
 * Every feature of the hub, listed once: the composition root (app/) takes the entities for MikroORM
 * and the lists and resolvers for the GraphQL schema from here. A new feature is a folder with an
 * index.ts and one line below.
 */
import type { Feature } from '../graphql/feature.js';
import { account } from './account/index.js';
import { activity } from './activity/index.js';
import { assessment } from './assessment/index.js';
import { audit } from './audit/index.js';
import { ethics } from './ethics/index.js';
import { honor } from './honor/index.js';
import { importing } from './import/index.js';
import { indicator } from './indicator/index.js';
import { member } from './member/index.js';
import { metric } from './metric/index.js';
import { organization } from './organization/index.js';
import { research } from './research/index.js';
import { survey } from './survey/index.js';

export const features: readonly Feature[] = [
  organization,
  member,
  activity,
  survey,
  honor,
  ethics,
  metric,
  research,
  assessment,
  indicator,
  account,
  audit,
  importing,
];
