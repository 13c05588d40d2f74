/**
 * LDAP / Active Directory, by `ldapts`: the service account (HUB_LDAP_BIND_DN) searches the user's entry
 * with the configured filter, the username escaped per RFC 4515 (so `*)(uid=*` is a literal name nobody
 * has, not a wildcard); exactly one entry must match; then the hub binds as that entry's DN with the
 * password typed. An empty password is refused before any bind: a simple bind without one is an
 * "unauthenticated bind", which many servers answer with success. Over ldaps://, or ldap:// upgraded by
 * StartTLS (HUB_LDAP_STARTTLS=1) before any bind; plain ldap:// only to this machine (config.ts).
 */
import { readFile } from 'node:fs/promises';
import type { ConnectionOptions } from 'node:tls';
import { Client, InvalidCredentialsError, NoSuchObjectError, SizeLimitExceededError } from 'ldapts';
import type { LdapSettings } from '../../../config.js';
import { Reason } from '../../../errors.js';
import { SsoFailure } from './failure.js';

/** A value for an LDAP filter (RFC 4515 §3): `\`, `*`, `(`, `)` and NUL as `\XX`; everything else as it is. */
export const escapeFilterValue = (value: string): string =>
  value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** The configured filter with the escaped username in place of every `{username}`. */
export const userFilter = (template: string, username: string): string => template.replaceAll('{username}', escapeFilterValue(username));

async function tlsOptions(s: LdapSettings): Promise<ConnectionOptions> {
  return { minVersion: 'TLSv1.2', ...(s.caFile ? { ca: [await readFile(s.caFile)] } : {}) };
}

/** The subject of an entry: its DN, or the first value of the configured attribute. */
function subjectOf(s: LdapSettings, entry: Record<string, unknown> & { dn: string }): string | null {
  if (!s.subjectAttribute) return entry.dn;
  const key = Object.keys(entry).find((k) => k.toLowerCase() === s.subjectAttribute!.toLowerCase());
  const value = key === undefined ? undefined : entry[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first ? first : Buffer.isBuffer(first) ? first.toString('utf8') || null : null;
}

/**
 * The subject of the directory user a username and password are right for, or null (no such user, several,
 * a wrong or empty password: one answer). A directory that cannot be reached, or refuses the service
 * account, throws sso/unavailable.
 */
export async function directorySubject(s: LdapSettings, username: string, password: string): Promise<string | null> {
  if (!password || !username) return null;
  const tls = await tlsOptions(s);
  // ldapts speaks TLS from the start whenever tlsOptions are given: only for ldaps://, StartTLS takes its own.
  const client = new Client({
    url: s.url,
    timeout: s.timeoutMs,
    connectTimeout: s.timeoutMs,
    ...(s.url.startsWith('ldaps:') ? { tlsOptions: tls } : {}),
  });
  try {
    if (s.startTls) await client.startTLS(tls);
    await client.bind(s.bindDn, s.bindPassword);
    const { searchEntries } = await client.search(s.baseDn, {
      scope: 'sub',
      filter: userFilter(s.userFilter, username),
      sizeLimit: 2,
      attributes: s.subjectAttribute ? [s.subjectAttribute.toLowerCase()] : ['1.1'], // names are case-insensitive; some servers want them lower
    });
    if (searchEntries.length !== 1) return null;
    const entry = searchEntries[0];
    const subject = subjectOf(s, entry);
    if (!subject) return null;
    try {
      await client.bind(entry.dn, password);
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return null;
      throw err;
    }
    return subject;
  } catch (err) {
    if (err instanceof SizeLimitExceededError || err instanceof NoSuchObjectError) return null;
    throw new SsoFailure(Reason.ssoUnavailable, `LDAP at ${s.url}: ${(err as Error).name}: ${(err as Error).message}`);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}
