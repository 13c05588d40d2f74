/** 审计日志 / The audit log in GraphQL, for accounts holding the audit grant (审计管理员), whatever their role. */
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import type { ConnectionShape } from '../../graphql/connection.js';
import { d } from '../../graphql/describe.js';
import { connectionOf as selectionOf, treeOf } from '../../graphql/selection.js';
import { auditPage, auditReaderOf, auditWhere } from './audit.reads.js';
import { AuditEntry, AuditEntryConnection, AuditFilter } from './audit.types.js';

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    nullable: true,
    description: d(
      '审计日志，最新的在前（须有审计授权：pnpm user:grant --audit）',
      'The audit log, newest first (needs the audit grant: pnpm user:grant --audit)',
    ),
  })
  auditLog(
    @Ctx() ctx: Context,
    @Arg('filter', () => AuditFilter, { nullable: true, description: d('过滤条件', 'Filter') }) filter: AuditFilter | null,
    @Arg('first', () => Int, { defaultValue: 50, description: d('每页条数（1–200）', 'Page size (1–200)') }) first: number,
    @Arg('after', () => String, { nullable: true, description: d('从此游标之后（更早的记录）', 'After this cursor (older rows)') })
    after: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<AuditEntry>> {
    auditReaderOf(ctx.auth);
    const counted = selectionOf(treeOf(info), 'AuditEntry').count;
    return auditPage(ctx.reader.db.pool, auditWhere('auditLog.filter', filter), first, after, counted);
  }
}
