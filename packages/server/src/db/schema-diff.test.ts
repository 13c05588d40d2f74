/**
 * Entities ↔ migrations: on a migrated database the schema diff MikroORM computes is empty, so the
 * documented `migration-create` workflow proposes nothing (MikroORM's own tests check the same). The
 * triggers and expression indexes that only a migration can create are declared on the entities, so
 * the diff keeps them instead of dropping them; the migrations' functions (hub_audit_purge …) are left alone
 * (`ignoreRoutines`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../test-support/hub.js';

describe('db/schema diff', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub.close());

  const diff = async () => (await hub.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim();

  it('should be empty on a migrated database', async () => {
    expect(await diff()).toBe('');
  });

  it('should know the subtree triggers, the audit log triggers and the path indexes (a database without them differs)', async () => {
    const conn = hub.orm.em.getConnection();
    await conn.execute(`drop index organization_ancestors_index`);
    await conn.execute(`drop trigger organization_path_before on organization`);
    await conn.execute(`drop trigger audit_log_append_only on audit_log`);
    try {
      const sql = await diff();
      expect(sql).toMatch(/create index "organization_ancestors_index"/);
      expect(sql).toMatch(/create trigger organization_path_before/);
      expect(sql).toMatch(/create trigger audit_log_append_only before update or delete on audit_log/);
      expect(sql).not.toMatch(/drop (index|trigger|function)/);
    } finally {
      await conn.execute(
        `create trigger audit_log_append_only before update or delete on audit_log for each row execute function hub_audit_append_only()`,
      );
      await conn.execute(
        `create index "organization_ancestors_index" on "organization" using gin ((string_to_array(trim(both '/' from "path"), '/')::int[]))`,
      );
      await conn.execute(
        `create trigger organization_path_before before insert or update of parent_id on organization for each row execute function hub_organization_path()`,
      );
    }
    expect(await diff()).toBe('');
  });
});
