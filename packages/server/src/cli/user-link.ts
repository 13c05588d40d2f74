/**
 * `pnpm user:link USERNAME --provider oidc|cas|ldap --subject ID [--unlink]` (modules/account/sso/link.cli.ts):
 * opens the hub's database (DATABASE_URL, or the embedded PostgreSQL in HUB_DATA_DIR), migrates it, and links
 * (or unlinks) the identity.
 */
import 'reflect-metadata';
import { userLink } from '../modules/account/sso/link.cli.js';
import { consoleIo, openMigratedPool } from './migrated-database.js';

process.exit(await userLink(process.argv.slice(2), consoleIo, () => openMigratedPool()));
