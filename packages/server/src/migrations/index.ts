/**
 * The committed migrations, in order. Generate a new one from the entities with
 * `DATABASE_URL=<scratch db> node dist/cli/migration-create.js`, then list it here.
 */
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123030147 } from './Migration20261123030147.js';
import { Migration20261123031000 } from './Migration20261123031000.js';
import { Migration20261124020000 } from './Migration20261124020000.js';
import { Migration20261124030000 } from './Migration20261124030000.js';
import { Migration20261124040000 } from './Migration20261124040000.js';
import { Migration20261129043529 } from './Migration20261129043529.js';
import { Migration20261129060000 } from './Migration20261129060000.js';
import { Migration20261129061000 } from './Migration20261129061000.js';
import { Migration20261129062000 } from './Migration20261129062000.js';
import { Migration20261129083710 } from './Migration20261129083710.js';

export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123030147', class: Migration20261123030147 },
  { name: 'Migration20261123031000', class: Migration20261123031000 },
  { name: 'Migration20261124020000', class: Migration20261124020000 },
  { name: 'Migration20261124030000', class: Migration20261124030000 },
  { name: 'Migration20261124040000', class: Migration20261124040000 },
  { name: 'Migration20261129043529', class: Migration20261129043529 },
  { name: 'Migration20261129060000', class: Migration20261129060000 },
  { name: 'Migration20261129061000', class: Migration20261129061000 },
  { name: 'Migration20261129062000', class: Migration20261129062000 },
  { name: 'Migration20261129083710', class: Migration20261129083710 },
];
