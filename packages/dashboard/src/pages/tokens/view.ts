/**
 * The tokens page's view model: each token's state and dates as the table shows them, what the form says
 * beside each field (the hub's problems, and the checks made here first), and the example a script copies.
 * Pure, so the tests drive it without a browser.
 */
import type { ApiTokenFieldsFragment } from '@party-hub/schema/client';
import type { HubGraphQLError } from '../../api/client.ts';

export type Token = ApiTokenFieldsFragment;
export type TokenState = 'active' | 'expired' | 'revoked';

/** Days a token may last (the hub's rule; it refuses anything else, this form says so first). */
export const DAYS = { min: 1, max: 90, default: 30 } as const;
export const NAME_MAX = 100;

export function tokenState(t: Pick<Token, 'expiresAt' | 'revokedAt'>, now: number): TokenState {
  if (t.revokedAt) return 'revoked';
  return Date.parse(t.expiresAt) <= now ? 'expired' : 'active';
}

/** A time as the pages write it, in Beijing time whatever the browser's zone: 2026-12-03 10:05. */
export function beijingTime(iso: string | null): string | null {
  if (!iso) return null;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export interface TokenRow {
  id: string;
  name: string;
  state: TokenState;
  created: string;
  expires: string;
  /** null: never used. */
  lastUsed: string | null;
  revoked: string | null;
}

/** The table: live tokens first (soonest to expire first), then the ended ones, newest first. */
export function tokenRows(tokens: readonly Token[], now: number): TokenRow[] {
  const rows = tokens.map((t) => ({
    id: t.id,
    name: t.name,
    state: tokenState(t, now),
    created: beijingTime(t.createdAt)!,
    expires: beijingTime(t.expiresAt)!,
    lastUsed: beijingTime(t.lastUsedAt),
    revoked: beijingTime(t.revokedAt),
    at: { created: Date.parse(t.createdAt), expires: Date.parse(t.expiresAt) },
  }));
  rows.sort((a, b) => {
    const live = Number(b.state === 'active') - Number(a.state === 'active');
    if (live) return live;
    return a.state === 'active' ? a.at.expires - b.at.expires : b.at.created - a.at.created;
  });
  return rows.map(({ at: _at, ...row }) => row);
}

export const TOKEN_FIELDS = ['name', 'days'] as const;
export type TokenField = (typeof TOKEN_FIELDS)[number];
export type Where = TokenField | 'form';
/** The hub's words in both languages, or one of this page's messages (with its parameters). */
export type Words = { zh: string; en: string } | { key: string; params?: Record<string, unknown> };
export type Said = Partial<Record<Where, Words[]>>;

const whereOf = (path: string | undefined): Where => TOKEN_FIELDS.find((f) => f === path?.split('.').at(-1)) ?? 'form';

function add(said: Said, where: Where, words: Words): Said {
  (said[where] ??= []).push(words);
  return said;
}

/** Where the hub's refusal goes: each problem beside its field (createApiToken.input.days …), else the form's. */
export function saidByHub(e: HubGraphQLError): Said {
  const said: Said = {};
  const problems = e.extensions?.problems ?? [];
  for (const p of problems) add(said, whereOf(p.field), { zh: p.zh, en: p.en });
  if (!problems.length)
    add(said, whereOf(e.extensions?.field), { zh: e.extensions?.messageZh ?? e.message, en: e.extensions?.messageEn ?? e.message });
  return said;
}

/** What is wrong before the hub is asked: no name, a name too long, days out of 1–90 or not whole. */
export function saidHere(v: { name: string; days: number | string | null }): Said {
  const said: Said = {};
  const name = v.name.trim();
  if (!name) add(said, 'name', { key: 'tokens.nameRequired' });
  else if ([...name].length > NAME_MAX) add(said, 'name', { key: 'tokens.nameTooLong', params: { max: NAME_MAX } });
  const days = Number(v.days);
  if (v.days === null || v.days === '' || !Number.isInteger(days) || days < DAYS.min || days > DAYS.max)
    add(said, 'days', { key: 'tokens.daysRange', params: { min: DAYS.min, max: DAYS.max } });
  return said;
}

export const firstRefused = (said: Said): TokenField | null => TOKEN_FIELDS.find((f) => said[f]?.length) ?? null;

/** How a script sends the token (the secret is the page's: shown once). */
export function curlExample(origin: string, secret: string): string {
  return [
    `curl -s ${origin}/graphql \\`,
    `  -H 'Authorization: Bearer ${secret}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '{"query":"{ me { username role } }"}'`,
  ].join('\n');
}
