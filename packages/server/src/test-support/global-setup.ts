/**
 * Vitest global setup for the server tests: one PostgreSQL server for the run (TEST_DATABASE_URL or
 * a throw-away embedded PostgreSQL 18), and one migrated template database that every test file
 * clones (CREATE DATABASE … TEMPLATE is a file copy: fast, and each file gets its own database).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { withDatabase } from '../db/database.js';
import { startEmbedded } from '../db/embedded.js';
import { migrate } from '../db/orm.js';
import { openHubOrm } from '../app/orm.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplate: string;
    /** How test databases are copied from a template (`CREATE DATABASE … STRATEGY`): see below. */
    pgCloneStrategy: 'FILE_COPY' | 'WAL_LOG';
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (!serverUrl) {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-test-'));
    const db = await startEmbedded({ dataDir, durable: false });
    serverUrl = db.url;
    stopEmbedded = () => db.stop();
  }
  const template = `hub_template_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${template} encoding 'UTF8' template template0`);
  const orm = await openHubOrm({ url: withDatabase(serverUrl, template), poolMax: 2 });
  await migrate(orm);
  await orm.close();
  project.provide('pgServerUrl', serverUrl);
  project.provide('pgTemplate', template);
  // Each test file copies a template (≈ 115 a run, four of them the seeded hospital). PostgreSQL 15+ copies through
  // the WAL by default (WAL_LOG: every block logged), which on the throw-away cluster (fsync=off) cost 2–3× the CPU of
  // a file copy and its two checkpoints (20 copies of the migrated template: 2.7–4.0 vs 1.5 CPU-s). On another server
  // (TEST_DATABASE_URL, durable) those checkpoints would flush it to disk each time: its default stays.
  project.provide('pgCloneStrategy', stopEmbedded ? 'FILE_COPY' : 'WAL_LOG');

  return async () => {
    // The seeded templates (test-support/database.ts), templates no more so they can be dropped.
    const seeded = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [
      `${template}_seeded_%`,
    ]);
    for (const r of seeded.rows) {
      await admin.query(`alter database ${r.datname} is_template false`);
      await admin.query(`drop database if exists ${r.datname} with (force)`);
    }
    await admin.query(`drop database if exists ${template} with (force)`);
    // Databases of test files that failed before their own cleanup.
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'hub_test_%'`);
    for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
    await admin.end();
    await stopEmbedded?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
