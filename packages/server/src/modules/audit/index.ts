/** 审计日志 / The audit log: append-only and hash-chained in PostgreSQL; verified and purged by `pnpm audit:*`. */
import { defineFeature } from '../../graphql/feature.js';
import { AuditChain, AuditLog, IdempotencyKey } from './audit.entity.js';
import { AuditResolver } from './audit.resolver.js';

export const audit = defineFeature({
  name: 'audit',
  // Not GraphQL types: every write appends to the log (indicators/writes.ts, account.common.ts). Read by the
  // audit grant's holders only (`auditLog`, GET /admin/audit.csv).
  entities: [AuditLog, AuditChain, IdempotencyKey],
  lists: [],
  resolvers: [AuditResolver],
});
export { auditRoutes } from './export.js';
