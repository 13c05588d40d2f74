/** 导入 / Spreadsheet import: templates, dry runs and commits of whole files (the members roll first). */
import { defineFeature } from '../../graphql/feature.js';
import { ImportResolver } from './import.resolver.js';

export const importing = defineFeature({
  name: 'import',
  entities: [],
  lists: [],
  resolvers: [ImportResolver],
});

export { importRoutes } from './routes.js';
export { exportRoutes, MEMBERS_EXPORT_PATH } from './export.js';
