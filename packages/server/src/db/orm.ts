/**
 * MikroORM configuration, given its entities by the composition root (app/orm.ts). Migrations are the
 * committed classes of migrations/ (never schema:update at runtime), found there from TypeScript sources
 * under Vitest and from the build alike.
 */
import { MikroORM, type EntityClass, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
import { loadMigrations } from '../migrations/index.js';
import { CONNECT_TIMEOUT_MS } from './pools.js';
import { withStatementTimeout } from './transaction.js';

export interface OrmOptions {
  /** A postgres:// URL. */
  url: string;
  /** Every entity class (the composition root's list: app/orm.ts). */
  entities: readonly EntityClass[];
  /** Log every SQL statement (or hand each to a callback, as the N+1 test does). */
  onQuery?: (sql: string) => void;
  /** Connections at most (HUB_DB_POOL). */
  poolMax?: number;
  /**
   * Longest one statement may run, in ms (HUB_STATEMENT_TIMEOUT); 0 or unset: no limit (migrations and seeding
   * run without one). Straight to PostgreSQL it is a startup parameter of every connection (free); through a
   * pooler (`pooled`) it is set by `set local` in every transaction of the pool's connections and around the
   * read path's statements (db/transaction.ts), since pgbouncer refuses the startup parameter.
   */
  statementTimeoutMs?: number;
  /** The URL is a pooler in transaction mode (HUB_DIRECT_URL names another): no startup parameters. */
  pooled?: boolean;
  /** The committed migrations (openOrm loads them; an ORM that never migrates has none). */
  migrations?: MigrationObject[];
}

export function ormConfig(opts: OrmOptions): Options {
  return {
    clientUrl: opts.url,
    entities: [...opts.entities],
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: { migrationsList: opts.migrations ?? [], transactional: true, allOrNothing: true, snapshot: false },
    pool: { min: 0, max: opts.poolMax ?? 10 },
    // Handed to pg's Pool: the URL itself too, so what MikroORM does not map (sslmode, options …) still applies.
    driverOptions: {
      connectionString: opts.url,
      // No request waits long for a connection while PostgreSQL is down (db/pools.ts); dead peers are noticed.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      ...(opts.statementTimeoutMs && !opts.pooled ? { statement_timeout: opts.statementTimeoutMs } : {}),
    },
    debug: opts.onQuery ? ['query'] : false,
    logger: opts.onQuery ?? (() => undefined),
    colors: false,
    // The server handles its own shutdown; keep MikroORM from installing exit hooks.
    allowGlobalContext: false,
    ensureDatabase: false,
    // Functions are the migrations' (the audit log's hub_audit_*): the schema diff leaves them alone, as it does
    // the trigger functions it never lists. Triggers are declared on their entities.
    schemaGenerator: { ignoreRoutines: true },
  };
}

export async function openOrm(opts: OrmOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig({ ...opts, migrations: opts.migrations ?? (await loadMigrations()) }));
  const pool = await orm.em.getConnection().getNativeClient();
  // Closing the ORM ends this pool. MikroORM closes through Kysely, which ends only a pool it has run a query on, and
  // the read path and the writes use the pool directly (db/pools.ts readDb): an ORM that never ran a query of its own
  // left its connections open on close, until pg's 10 s idle timeout (each test database waited 2 s to be dropped,
  // every test hub, ≈ 150 a run; a CLI's process waited to exit). Ended here rather than by a first query at open,
  // which would connect at once: opening stays lazy, as before.
  const close = orm.close.bind(orm);
  orm.close = async (force?: boolean) => {
    await close(force);
    if (!pool.ending) await pool.end();
  };
  if (opts.statementTimeoutMs && opts.pooled) withStatementTimeout(pool, opts.statementTimeoutMs);
  return orm;
}

/** Applies every pending committed migration; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
