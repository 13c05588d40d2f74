/**
 * `pnpm user:link USERNAME --provider oidc|cas|ldap --subject ID [--unlink]` (modules/account/sso/link.cli.ts):
 * opens the hub's database (DATABASE_URL, or the embedded PostgreSQL in HUB_DATA_DIR), migrates it, and links
 * (or unlinks) the identity.
 */
import 'reflect-metadata';
import pg from 'pg';
import { openHubOrm } from '../app/orm.js';
import { readConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/orm.js';
import { userLink } from '../modules/account/sso/link.cli.js';

const code = await userLink(
  process.argv.slice(2),
  { stdin: process.stdin, out: (line) => console.log(line), err: (line) => console.error(line) },
  async () => {
    const db = await openDatabase(readConfig());
    try {
      const orm = await openHubOrm({ url: db.url, poolMax: 1 });
      await migrate(orm).finally(() => orm.close());
    } catch (err) {
      await db.stop();
      throw err;
    }
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    return {
      pool,
      close: async () => {
        await pool.end();
        await db.stop();
      },
    };
  },
);
process.exit(code);
