/**
 * `pnpm user:grant --audit USERNAME [--revoke]` (modules/account/account-grant.cli.ts):
 * opens the hub's database (DATABASE_URL, or the embedded PostgreSQL in HUB_DATA_DIR), migrates it, and gives
 * or takes the audit grant.
 */
import 'reflect-metadata';
import { userGrant } from '../modules/account/account-grant.cli.js';
import { consoleIo, openMigratedPool } from './migrated-database.js';

process.exit(await userGrant(process.argv.slice(2), consoleIo, () => openMigratedPool()));
