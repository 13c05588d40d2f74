/**
 * The committed migrations: every `Migration<timestamp>` module in this folder, in name order (the
 * TypeScript sources under Vitest, the build's JavaScript in production), so a new migration is one new
 * file. Generate one from the entities with `DATABASE_URL=<scratch db> node dist/cli/migration-create.js`.
 */
import type { MigrationObject } from '@mikro-orm/core';
import { readdir } from 'node:fs/promises';

const MIGRATION = /^(Migration\d+)\.(?:js|ts)$/;

export async function loadMigrations(): Promise<MigrationObject[]> {
  const here = new URL('.', import.meta.url);
  const files = (await readdir(here)).filter((f) => MIGRATION.test(f)).toSorted();
  return Promise.all(
    files.map(async (file) => {
      const name = MIGRATION.exec(file)![1]!;
      const module = (await import(new URL(file, here).href)) as Record<string, MigrationObject['class']>;
      if (!module[name]) throw new Error(`${file} does not export the class ${name}`);
      return { name, class: module[name] };
    }),
  );
}
