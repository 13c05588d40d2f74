/**
 * `pnpm user:create --role admin --username X [--display-name N] [--password-stdin]`, and for the other roles
 * `--scope ORG` (repeatable: an organisation's code or row id, or `all` for the whole tree): creates an
 * account whose password must be changed at its first sign-in. Without --password-stdin it prints a random one-time
 * password; with it, it reads the password from standard input (piped, never typed on a terminal, where it
 * would show). The entry point (cli/user-create.ts) opens and migrates the database; this does the rest.
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { AccountRole } from '../../domain/enums.js';
import { HubError } from '../../errors.js';
import { createAccount, scopeRule } from './account.writes.js';
import { passwordProblems } from './password-policy.js';

export const USAGE =
  'usage: pnpm user:create --role committee|secretary|analyst|admin --username NAME [--scope ORG]… [--display-name NAME] [--password-stdin]\n' +
  '  --scope: an organisation (its code or row id) whose whole subtree the account reaches, or `all`; required but for admin';

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  out(line: string): void;
  err(line: string): void;
}

/** The database, opened and migrated by the entry point, and how to close it. */
export type OpenDatabase = () => Promise<{ pool: pg.Pool; close(): Promise<void> }>;

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!';

/** A random 20-character password the policy takes (from 60 symbols: 118 bits). */
export function oneTimePassword(username: string): string {
  for (;;) {
    const candidate = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (!passwordProblems(candidate, username).length) return candidate;
  }
}

async function readAll(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

function parse(argv: string[]) {
  const args = argv[0] === '--' ? argv.slice(1) : argv; // `pnpm user:create -- --role …` keeps the `--`
  return parseArgs({
    args,
    options: {
      role: { type: 'string' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
      scope: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  }).values;
}

/** Runs the command; its exit code (0 created, 1 refused or failed, 2 bad arguments). */
export async function userCreate(argv: string[], io: CliIo, open: OpenDatabase): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) return (io.out(USAGE), 0);
  const role = Object.values(AccountRole).find((r) => r === args.role?.toLowerCase());
  if (!role || !args.username) {
    io.err(`${role ? '--username is required' : `--role must be one of ${Object.values(AccountRole).join(', ')}`}\n${USAGE}`);
    return 2;
  }
  if (args['password-stdin'] && io.stdin.isTTY) {
    io.err(`--password-stdin reads a piped password (on a terminal it would show): printf '%s' "$PASSWORD" | pnpm user:create …`);
    return 2;
  }
  const scope = args.scope ?? [];
  const rule = scopeRule(role, scope.length); // the rule createAccount keeps, said before the database is opened
  if (rule) {
    io.err(`${rule.en.replace('scope', '--scope')}\n${USAGE}`);
    return 2;
  }
  const password = args['password-stdin'] ? await readAll(io.stdin) : oneTimePassword(args.username);
  const input = { username: args.username, displayName: args['display-name'] ?? null, role, password };
  return create(io, open, input, scope, !args['password-stdin']);
}

/** The scope roots named on the command line (row ids; null for `all`), or the ones that name no organisation. */
async function resolveScope(pool: pg.Pool, names: string[]): Promise<{ roots: (number | null)[]; unknown: string[] }> {
  const roots: (number | null)[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    if (name.toLowerCase() === 'all') {
      roots.push(null);
      continue;
    }
    const { rows } = await pool.query<{ id: number }>(
      `select id from organization where code = $1 or ($1 ~ '^[0-9]{1,9}$' and id = $1::int) order by (code = $1) desc limit 1`,
      [name],
    );
    if (rows[0]) roots.push(rows[0].id);
    else unknown.push(name);
  }
  return { roots: [...new Set(roots)], unknown };
}

async function create(
  io: CliIo,
  open: OpenDatabase,
  input: Parameters<typeof createAccount>[1],
  scope: string[],
  show: boolean,
): Promise<number> {
  let db: Awaited<ReturnType<OpenDatabase>>;
  try {
    db = await open();
  } catch (err) {
    io.err(`cannot open the database, nothing was changed: ${(err as Error).message}`);
    return 1;
  }
  try {
    const { roots, unknown } = await resolveScope(db.pool, scope);
    if (unknown.length) {
      io.err(`not created: no organisation has the code or id ${unknown.map((u) => `"${u}"`).join(', ')}`);
      return 1;
    }
    const id = await createAccount(db.pool, { ...input, scope: roots }, 'cli:user:create');
    io.out(`created the ${input.role} account "${input.username}" (row ${id}); its password must be changed at the first sign-in`);
    if (show) io.out(`one-time password (shown only now):\n  ${input.password}`);
    return 0;
  } catch (err) {
    if (!(err instanceof HubError)) throw err;
    const problems = (err.extensions.problems as { field: string; en: string; zh: string }[] | undefined) ?? [];
    io.err(`not created:\n${problems.map((p) => `  ${p.field.split('.').pop()}: ${p.en} (${p.zh})`).join('\n')}`);
    return 1;
  } finally {
    await db.close();
  }
}
