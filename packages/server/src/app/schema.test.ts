import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { unconnectedHubOrm } from './orm.js';
import { buildHubSchema as buildWith, printHubSchema as printWith } from './schema.js';

const metadata = () => unconnectedHubOrm().getMetadata();
const buildHubSchema = () => buildWith(metadata());
const printHubSchema = () => printWith(metadata());

const HAN = /[\u4e00-\u9fa5]/;
const LATIN = /[A-Za-z]{2,}/;

describe('app/schema', () => {
  it('should match the SDL committed in packages/schema (run `pnpm schema:emit` after changing the API)', async () => {
    const committed = await readFile(createRequire(import.meta.url).resolve('@party-hub/schema/schema.graphql'), 'utf8');
    expect(committed).toBe(await printHubSchema());
  });

  it('should describe every type, field, argument and enum value in Chinese and English', async () => {
    const schema = await buildHubSchema();
    const missing: string[] = [];
    const check = (where: string, text: string | null | undefined) => {
      if (!text || !HAN.test(text) || !LATIN.test(text)) missing.push(where);
    };
    const own = Object.values(schema.getTypeMap()).filter(
      (t: GraphQLNamedType) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name),
    );
    for (const type of own) {
      if (type.name === 'LocalDate' || type.name === 'DateTimeISO') continue; // scalars from graphql-scalars / type-graphql
      if (!['Query', 'Mutation', 'Subscription'].includes(type.name)) check(type.name, type.description);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          check(`${type.name}.${field.name}`, field.description);
          for (const arg of 'args' in field ? field.args : []) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) check(`${type.name}.${v.name}`, v.description);
    }
    expect(missing).toEqual([]);
  });

  it('should expose personal data only as tagged fields of a person, never to filter, order or group by', async () => {
    const schema = await buildHubSchema();
    const member = schema.getType('Member');
    expect(isObjectType(member)).toBe(true);
    const fields = (member as any).getFields();
    for (const [personal, tag] of [
      ['name', '[personal]'],
      ['birthDate', '[personal]'],
      ['ethnicity', '[personal]'],
      ['staffNo', '[personal]'],
      ['idCardNo', '[sensitive personal]'],
      ['mobile', '[sensitive personal]'],
    ]) {
      expect(fields[personal].description, personal).toContain(tag);
      expect(
        fields[personal].args.map((a: { name: string }) => a.name),
        personal,
      ).toEqual(['reveal']);
    }
    // Tagged fields appear nowhere else (a person's type is what the access gate keeps from analysts).
    for (const type of Object.values(schema.getTypeMap()))
      if (isObjectType(type) && type.name !== 'Member')
        for (const f of Object.values(type.getFields()))
          expect(f.description ?? '', `${type.name}.${f.name}`).not.toMatch(/\[(sensitive )?personal\]/);
    const filter = schema.getType('MemberFilter') as any;
    for (const personal of ['name', 'idCardNo', 'mobile', 'birthDate', 'ethnicity', 'staffNo'])
      expect(Object.keys(filter.getFields())).not.toContain(personal);
    const order = schema.getType('MemberOrderField') as any;
    const group = schema.getType('MemberGroupBy') as any;
    for (const e of [order, group].filter(isEnumType))
      expect(e.getValues().map((v: { name: string }) => v.name)).not.toEqual(
        expect.arrayContaining(['NAME', 'ID_CARD_NO', 'MOBILE', 'BIRTH_DATE', 'ETHNICITY', 'STAFF_NO']),
      );
  });
});
