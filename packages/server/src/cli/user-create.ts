/**
 * `pnpm user:create --role admin --username X [--display-name N] [--password-stdin]` (modules/account/account.cli.ts):
 * opens the hub's database (DATABASE_URL, or the embedded PostgreSQL in HUB_DATA_DIR), migrates it, and creates
 * the account.
 */
import 'reflect-metadata';
import { userCreate } from '../modules/account/account.cli.js';
import { consoleIo, openMigratedPool } from './migrated-database.js';

process.exit(await userCreate(process.argv.slice(2), consoleIo, () => openMigratedPool()));
