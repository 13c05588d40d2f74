/**
 * The role matrix: every root query field, read from the schema (a field added later is in the matrix
 * at once) with every field of its type two levels deep, asked by nobody, an administrator, an analyst,
 * branch A's secretary and the committee, about branch A and about branch B. Nobody gets auth/required
 * (but `me`); the committee gets every answer; an administrator's answers hold no row of facts, an
 * analyst's no row of a person, a secretary's nothing of branch B (an argument naming it: auth/out_of_scope);
 * whatever is not answered is refused with the role's code. The administrator's fields (accounts) answer the
 * administrator only, and the audit log nobody here (no account holds the audit grant): auth/forbidden.
 */
import {
  getNamedType,
  isEnumType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unconnectedHubOrm } from '../app/orm.js';
import { buildHubSchema } from '../app/schema.js';
import { AccountRole } from '../domain/enums.js';
import { fromGlobalId, toGlobalId } from '../graphql/global-id.js';
import { ADMIN_ROOTS, ANALYST_BARRED, REFERENCE_TYPES } from '../modules/account/gate.js';
import { buildFixture, type Fixture } from '../test-support/fixtures.js';
import { postGraphQL, signedIn, startTestHub, type TestHub } from '../test-support/hub.js';

/** Scalar fields (no required arguments) of a type, and one level of its object fields: what each question selects. */
function selection(type: GraphQLNamedType, depth = 0): string {
  if (isInterfaceType(type)) return '__typename id';
  if (isLeafType(type) || !isObjectType(type)) return '';
  const parts: string[] = ['__typename'];
  for (const f of Object.values(type.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(f.type);
    if (isLeafType(named)) parts.push(f.name);
    else if (depth < 2 && isObjectType(named)) parts.push(`${f.name} { ${selection(named, depth + 1)} }`);
  }
  return parts.join(' ');
}

/** A value for a required argument, about organisation `org` (other arguments keep their defaults). */
function argument(a: GraphQLArgument, org: string, person: string): string | null {
  if (!isNonNullType(a.type) || a.defaultValue !== undefined) return null;
  const named = getNamedType(a.type as GraphQLInputType);
  const list = isListType((a.type as { ofType: GraphQLInputType }).ofType);
  let value: string;
  if (a.name === 'orgId') value = `"${org}"`;
  else if (a.name === 'id' && named.name === 'ID') value = `"${person}"`;
  else if (a.name === 'ids' || a.name === 'id') value = named.name === 'ID' ? `["${person}"]` : `"org_life_attendance_rate"`;
  else if (named.name === 'Period') value = `"2026-01"`;
  else if (isEnumType(named)) value = named.getValues()[0].name;
  else throw new Error(`the role matrix has no value for the required argument ${a.name}: ${String(a.type)}`);
  return `${a.name}: ${list && !value.startsWith('[') ? `[${value}]` : value}`;
}

function question(field: GraphQLField<unknown, unknown>, org: string, person: string): string {
  const args = field.args.map((a) => argument(a, org, person)).filter(Boolean);
  const sel = selection(getNamedType(field.type));
  return `{ ${field.name}${args.length ? `(${args.join(', ')})` : ''}${sel ? ` { ${sel} }` : ''} }`;
}

/** The global ids in an answer, as `Type:id` (every string that decodes as one). */
function globalIds(data: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      const decoded = fromGlobalId(v);
      if (decoded) out.push(`${decoded.type}:${decoded.id}`);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(data);
  return out;
}

/** What each role may not find in an answer, by the global ids in it; and the refusal it gets for the rest. */
const RULES: Record<string, { refusal: string | null; barred: (id: string, branchB: Set<string>) => boolean }> = {
  // The accounts it manages and their scopes are an administrator's; no row of facts is.
  admin: {
    refusal: 'auth/forbidden',
    barred: (id) => !REFERENCE_TYPES.has(id.split(':')[0]) && !['Account', 'AccountScope'].includes(id.split(':')[0]),
  },
  analyst: { refusal: 'auth/forbidden', barred: (id) => ANALYST_BARRED.has(id.split(':')[0]) },
  secretary: { refusal: 'auth/out_of_scope', barred: (id, b) => b.has(id) },
  committee: { refusal: null, barred: () => false },
};

describe('http/roles', () => {
  let hub: TestHub;
  let f: Fixture;
  let schema: GraphQLSchema;
  const cookies = new Map<string, string | null>();

  beforeAll(async () => {
    hub = await startTestHub();
    schema = await buildHubSchema(unconnectedHubOrm().getMetadata());
    f = await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 2, membersPerBranch: 3 });
    cookies.set('anonymous', null);
    cookies.set('admin', (await hub.as(AccountRole.ADMIN)).cookie);
    cookies.set('analyst', (await hub.as(AccountRole.ANALYST)).cookie);
    cookies.set('secretary', await signedIn(hub.url, hub.db.url, 'a.shuji', AccountRole.SECRETARY, [f.branches[0].id]));
    cookies.set('committee', hub.cookie);
  });
  afterAll(() => hub.close());

  const idsOf = (branch: number) => {
    const b = f.branches[branch];
    return [
      toGlobalId('Organization', b.id),
      ...f.members.filter((m) => m.organization.id === b.id).map((m) => toGlobalId('Member', m.id)),
    ];
  };
  /** Branch B's people, as `Type:id` (its organisation's name is the tree's: everybody's). */
  const branchB = () => new Set(f.members.filter((m) => m.organization.id === f.branches[1].id).map((m) => `Member:${m.id}`));

  it('should answer every root field to each role as the role may, and no more', async () => {
    const fields = Object.values(schema.getQueryType()!.getFields());
    expect(fields.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    const [orgA, orgB] = [idsOf(0)[0], idsOf(1)[0]];
    const personB = idsOf(1)[1];
    let answered = 0;
    for (const field of fields) {
      for (const [role, cookie] of cookies) {
        for (const [org, which] of [
          [orgA, 'A'],
          [orgB, 'B'],
        ] as const) {
          const query = question(field, org, personB);
          const res = await postGraphQL(hub.url, cookie, query);
          const reason = res.errors?.[0]?.extensions?.reason as string | undefined;
          const at = `${role} ${field.name} (${which}): ${reason ?? 'answered'} — ${query.slice(0, 120)} ${JSON.stringify(res.errors ?? []).slice(0, 300)}`;
          if (role === 'anonymous') {
            if (reason !== (field.name === 'me' ? undefined : 'auth/required')) wrong.push(at);
            continue;
          }
          const rule = RULES[role];
          const forbidden = field.name === 'auditLog' || (ADMIN_ROOTS.has(field.name) && role !== 'admin');
          if (forbidden && reason !== 'auth/forbidden') wrong.push(`${at}: not refused`);
          if (reason) {
            if (reason !== (forbidden ? 'auth/forbidden' : rule.refusal)) wrong.push(at);
            continue;
          }
          answered++;
          if (res.errors) wrong.push(at);
          const barred = globalIds(res.data).filter((id) => rule.barred(id, branchB()));
          if (barred.length) wrong.push(`${at}: ${[...new Set(barred)].slice(0, 5).join(', ')} in the answer`);
        }
      }
    }
    // Most fields answer most roles: a matrix of refusals would prove nothing.
    expect(answered).toBeGreaterThan(fields.length * 3);
    expect(wrong).toEqual([]);
  });
});
