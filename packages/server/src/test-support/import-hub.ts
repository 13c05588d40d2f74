/**
 * The import tests' common steps on a real hub: a dry run and a commit of a kind over GraphQL, table
 * checksums (what a user would see change, or not), the cells compared with a recomputation, and a hospital
 * whose branches have codes and whose people were imported from a members roll (so their ID-card numbers
 * are known).
 */
import pg from 'pg';
import { expect } from 'vitest';
import { rebuildCells, verifyCells } from '../indicators/cells.js';
import type { GraphQLResponse } from './hub.js';
import { roll, rollXlsx } from './import-files.js';
import { randomHospital, type RandomHospital } from './random-hospital.js';

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;

export interface ImportProblemSeen {
  sheet: string;
  row: number | null;
  column: string | null;
  header: string | null;
  value: string | null;
  reason: string;
  zh: string;
  en: string;
}

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64');

const DRY = (kind: string) => `mutation($f: String!) { importDryRun(kind: ${kind}, file: $f) {
  fileHash sheet rows create update unchanged problemCount moreProblems committed
  sheets { sheet rows create update unchanged }
  problems { sheet row column header value reason zh en } } }`;
const COMMIT = (kind: string) =>
  `mutation($f: String!, $h: String!) { importCommit(kind: ${kind}, file: $f, dryRunHash: $h) { create update unchanged committed sheets { sheet create update unchanged } } }`;

/** A dry run's answer (no GraphQL error expected). */
export async function dryRun(gql: Gql, kind: string, file: Buffer | string) {
  const res = await gql(DRY(kind), { f: b64(file) });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.importDryRun as {
    fileHash: string;
    sheet: string;
    rows: number;
    create: number;
    update: number;
    unchanged: number;
    problemCount: number;
    sheets: { sheet: string; rows: number; create: number; update: number; unchanged: number }[];
    problems: ImportProblemSeen[];
  };
}

/** A commit of the file a dry run answered for (the raw answer: errors or data). */
export async function commitFile(gql: Gql, kind: string, file: Buffer | string, hash: string) {
  return gql(COMMIT(kind), { f: b64(file), h: hash });
}

/** md5 of each table's rows, the cells and the audit log's length. */
export async function checksums(db: pg.ClientBase, tables: readonly string[]): Promise<Record<string, string>> {
  const parts = [...tables, 'indicator_cell'].map(
    (t) => `select '${t}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as md5 from ${t} x`,
  );
  const { rows } = await db.query(parts.join(' union all '));
  const audit = await db.query(`select count(*)::text as n from audit_log`);
  return { ...Object.fromEntries(rows.map((r) => [r.t, r.md5])), audit_log: audit.rows[0].n };
}

/** The cells' differences from a recomputation (none expected). */
export async function cellDifferences(db: pg.ClientBase) {
  await db.query('begin');
  try {
    return (await verifyCells(db)).differences;
  } finally {
    await db.query('rollback');
  }
}

export interface ImportWorld {
  h: RandomHospital;
  /** The active branches, and their codes. */
  branches: number[];
  codes: string[];
  /** The roll's rows imported: [name, ID-card number, …, branch code, …] (rollRow). */
  people: (string | number)[][];
}

/** A random hospital, branch codes `prefix + id`, 20 people imported from a roll over GraphQL, the cells rebuilt. */
export async function importWorld(db: pg.ClientBase, gql: Gql, seed: number, prefix: string): Promise<ImportWorld> {
  const h = await randomHospital(db, seed, '2026-06');
  await db.query(`update organization set code = $2::text || id where id = any($1::int[])`, [h.branches, prefix]);
  const active = await db.query(
    `select id from organization where id = any($1::int[]) and (dissolved_on is null or dissolved_on > current_date) order by id`,
    [h.branches],
  );
  const branches = active.rows.map((r) => r.id as number);
  const codes = branches.map((b) => `${prefix}${b}`);
  await db.query('begin');
  await rebuildCells(db);
  await db.query('commit');
  const people = roll(20, codes, 7000);
  const file = await rollXlsx(people);
  const r = await dryRun(gql, 'MEMBERS', file);
  expect(r.problems).toEqual([]);
  const c = await commitFile(gql, 'MEMBERS', file, r.fileHash);
  expect(c.errors, JSON.stringify(c.errors)).toBeUndefined();
  return { h, branches, codes, people };
}

/** The people of the world in a branch (by code): their ID-card numbers. */
export const idsIn = (w: ImportWorld, code: string) => w.people.filter((p) => p[3] === code).map((p) => String(p[1]));
