/**
 * Generates a migration from the difference between the entities and a scratch database that has
 * every committed migration applied. Usage: DATABASE_URL=postgres://… node dist/cli/migration-create.js
 */
import { migrate } from '../db/orm.js';
import { openHubOrm } from '../app/orm.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must point at a scratch database');
const orm = await openHubOrm({ url });
await migrate(orm);
const result = await orm.migrator.create(new URL('../../src/migrations', import.meta.url).pathname, false, false);
console.log(result.fileName || 'no changes', '\n', result.code);
await orm.close();
