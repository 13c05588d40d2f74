import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from '../test-support/fixtures.js';
import { startTestHub, type TestHub } from '../test-support/hub.js';
import { listSpecs } from './define-list.js';
import { toGlobalId } from './global-id.js';
import { modelOf } from './model.js';
import { unconnectedHubOrm } from '../app/orm.js';
import { buildHubSchema as buildWith } from '../app/schema.js';

const buildHubSchema = () => buildWith(unconnectedHubOrm().getMetadata());

const committed = (): GraphQLSchema =>
  buildSchema(readFileSync(createRequire(import.meta.url).resolve('@party-hub/schema/schema.graphql'), 'utf8'));

describe('graphql/conventions', () => {
  it('should spell every enum value of the committed SDL in UPPER_SNAKE_CASE', () => {
    const bad = Object.values(committed().getTypeMap())
      .filter((t) => isEnumType(t) && !t.name.startsWith('__'))
      .flatMap((t) => (isEnumType(t) ? t.getValues().map((v) => `${t.name}.${v.name}`) : []))
      .filter((v) => !/^[A-Z][A-Z0-9_]*$/.test(v.split('.')[1]));
    expect(bad).toEqual([]);
  });

  it('should give every list the same filter shape: id, orgId, and/or/not, every column, xId and x for every relation', async () => {
    const schema = await buildHubSchema();
    const problems: string[] = [];
    for (const spec of listSpecs()) {
      const model = modelOf(spec.entity);
      const filter = schema.getType(`${model.name}Filter`);
      if (!isInputObjectType(filter)) {
        problems.push(`${model.name}Filter is missing`);
        continue;
      }
      const keys = Object.keys(filter.getFields());
      const expected = ['id', 'and', 'or', 'not', ...(spec.scope.length ? ['orgId'] : [])];
      expected.push(...model.columns.keys(), ...[...model.relations.keys()].flatMap((r) => [r, `${r}Id`]));
      for (const k of expected) if (!keys.includes(k)) problems.push(`${model.name}Filter.${k}`);
      // Every leaf field the type exposes is either filterable or computed/derived.
      const type = schema.getType(model.name) as GraphQLObjectType;
      for (const [name, field] of Object.entries(type.getFields())) {
        const derived = [
          'id',
          'rowId',
          ...Object.keys(spec.computed ?? {}),
          ...Object.keys(spec.requires ?? {}),
          ...Object.keys(spec.personal ?? {}),
        ];
        if (isLeafType(getNamedType(field.type)) && !derived.includes(name) && !keys.includes(name))
          problems.push(`${model.name}.${name} not filterable`);
      }
    }
    expect(problems).toEqual([]);
  });

  describe('on data', () => {
    let hub: TestHub;
    let f: Fixture;

    beforeAll(async () => {
      hub = await startTestHub();
      f = await buildFixture(hub.orm.em.fork(), { generalBranches: 1, branchesPerGeneral: 3, membersPerBranch: 4 });
      const conn = hub.orm.em.getConnection();
      const [dept] = f.departments;
      const branch = f.branches[0];
      for (const [grade, score] of [
        ['good', '85.50'],
        ['poor', '40.00'],
        ['excellent', '95.25'],
        ['fair', '70.00'],
      ] as const)
        await conn.execute(`insert into assessment (subject_type, organization_id, year, grade, score) values ('branch', ?, 2025, ?, ?)`, [
          branch.id,
          grade,
          score,
        ]);
      for (const [level, on] of [
        ['hospital', '2025-01-01'],
        ['national', '2025-02-01'],
        ['county', '2025-03-01'],
        ['provincial', '2025-04-01'],
      ])
        await conn.execute(
          `insert into honor (hospital_id, recipient_type, organization_id, title, category, level, awarded_on) values (?, 'branch', ?, ?, 'party', ?, ?)`,
          [f.hospital.id, branch.id, `先进基层党组织 ${level}`, level, on],
        );
      await conn.execute(
        `insert into ethics_event (type, department_id, amount, occurred_on) values ('refused_red_envelope', ?, 1200.10, '2025-05-01')`,
        [dept.id],
      );
      await conn.execute(`update organization set code = 'Branch-' || id where kind = 'branch'`);
    });
    afterAll(() => hub.close());

    it('should order ranked enums by rank, lowest first ascending, never by their stored text', async () => {
      const res = await hub.gql(`{
        asc: assessments(orderBy: [{ field: GRADE }]) { nodes { grade } }
        desc: assessments(orderBy: [{ field: GRADE, direction: DESC }]) { nodes { grade } }
        honors(orderBy: [{ field: LEVEL, direction: DESC }]) { nodes { level } }
        members(orderBy: [{ field: PROFESSIONAL_TITLE }], first: 200) { nodes { professionalTitle } }
      }`);
      expect(res.errors).toBeUndefined();
      expect(res.data!.asc.nodes.map((n: any) => n.grade)).toEqual(['POOR', 'FAIR', 'GOOD', 'EXCELLENT']);
      expect(res.data!.desc.nodes.map((n: any) => n.grade)).toEqual(['EXCELLENT', 'GOOD', 'FAIR', 'POOR']);
      expect(res.data!.honors.nodes.map((n: any) => n.level)).toEqual(['NATIONAL', 'PROVINCIAL', 'COUNTY', 'HOSPITAL']);
      const titles = res.data!.members.nodes.map((n: any) => n.professionalTitle);
      expect(titles.indexOf('INTERMEDIATE')).toBeLessThan(titles.indexOf('SENIOR_FULL'));
    });

    it('should page through a ranked ordering without repeating or skipping a row', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const res: any = await hub.gql(
          `query($after: String) { assessments(first: 1, after: $after, orderBy: [{ field: GRADE, direction: DESC }]) { nodes { grade } pageInfo { hasNextPage endCursor } } }`,
          { after },
        );
        seen.push(...res.data.assessments.nodes.map((n: any) => n.grade));
        after = res.data.assessments.pageInfo.hasNextPage ? res.data.assessments.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(['EXCELLENT', 'GOOD', 'FAIR', 'POOR']);
    });

    it('should carry decimals exactly, as strings, in and out', async () => {
      const res = await hub.gql(`{
        ethicsEvents(filter: { amount: { gte: "1200.10" } }) { nodes { amount } }
        none: ethicsEvents(filter: { amount: { gt: "1200.10" } }) { totalCount }
        assessments(filter: { score: { lt: 50 } }) { nodes { score } }
      }`);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({
        ethicsEvents: { nodes: [{ amount: '1200.10' }] },
        none: { totalCount: 0 },
        assessments: { nodes: [{ score: '40.00' }] },
      });
      const bad = await hub.gql(`{ ethicsEvents(filter: { amount: { gte: "12,00" } }) { totalCount } }`);
      expect(bad.errors![0].message).toMatch(/Decimal/);
    });

    it('should match text case-insensitively for contains and startsWith alike', async () => {
      const res = await hub.gql(`{
        a: organizations(filter: { code: { startsWith: "branch-" } }) { totalCount }
        b: organizations(filter: { code: { contains: "RANCH" } }) { totalCount }
      }`);
      expect(res.data).toEqual({ a: { totalCount: 3 }, b: { totalCount: 3 } });
    });

    it('should filter by what a relation points to', async () => {
      const [b0] = f.branches;
      const res = await hub.gql(
        `query($gb: ID!) {
          members(filter: { organization: { parentId: { eq: $gb }, code: { eq: "Branch-${b0.id}" } } }) { totalCount }
          notIn: members(filter: { not: { organization: { code: { eq: "Branch-${b0.id}" } } } }) { totalCount }
        }`,
        { gb: toGlobalId('Organization', f.generalBranches[0].id) },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ members: { totalCount: 4 }, notIn: { totalCount: 8 } });
    });

    it('should resolve every field of every listed type (no field left without its resolver or column)', async () => {
      const schema = await buildHubSchema();
      const problems: string[] = [];
      for (const spec of listSpecs()) {
        const type = schema.getType(spec.entity.name) as GraphQLObjectType;
        const fields = Object.entries(type.getFields()).map(([name, field]) => {
          const named = getNamedType(field.type);
          if (isLeafType(named)) return name;
          if (isObjectType(named) && named.name.endsWith('Connection')) return `${name}(first: 2) { totalCount nodes { id } }`;
          return `${name} { id }`;
        });
        const res = await hub.gql(`{ ${spec.queryName}(first: 3) { totalCount nodes { ${fields.join(' ')} } } }`);
        if (res.errors) problems.push(`${spec.queryName}: ${res.errors.map((e) => e.message).join('; ')}`);
      }
      expect(problems).toEqual([]);
    });

    it('should refuse a global id of an abstract type with a coded error, not an internal one', async () => {
      for (const type of ['BaseEntity', 'TimestampedEntity', 'Nothing']) {
        const res = await hub.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: toGlobalId(type, 1) });
        expect(res.errors![0].extensions, type).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'id/invalid', field: 'node.id' });
      }
    });

    it('should never read a personal column, whatever is selected', async () => {
      hub.resetQueries();
      await hub.gql(`{ members(first: 5) { nodes { id maskedName birthYear gender organization { name } } } }`);
      const members = hub.queries.filter((q) => /from "member"/.test(q));
      expect(members).toHaveLength(1);
      // The name reaches the select list only inside the masking expression; the birth date only as a year.
      expect(members[0]).not.toMatch(/"id_card_no"|"mobile"|"ethnicity"|"staff_no"|\.\*|"t"\."name" as|"t"\."birth_date" as/);
      expect(members[0]).toMatch(/left\("t"\."name", 1\)/);
    });
  });
});
