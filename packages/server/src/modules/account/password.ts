/**
 * Password hashing: Argon2id from `node:crypto` (Node ≥ 24.7), with OWASP's minimum parameters (19 MiB,
 * 2 passes, 1 lane), stored as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`, base64
 * without padding) so the parameters travel with each hash and can be raised later (`needsRehash`).
 * Hashing runs on libuv's thread pool (crypto.argon2), never on the event loop.
 */
import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

/** OWASP Password Storage Cheat Sheet, Argon2id: m = 19 MiB, t = 2, p = 1. */
export const ARGON2 = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32, saltLength: 16 } as const;

/** Bounds a stored hash's parameters must keep: a tampered row cannot make one check take a gigabyte or a minute. */
const BOUNDS = { memory: [8, 262_144], passes: [1, 10], parallelism: [1, 8], tag: [16, 64], salt: [8, 64] } as const;

interface Params {
  memory: number;
  passes: number;
  parallelism: number;
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

function derive(password: string, salt: Buffer, p: Params, tagLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    argon2('argon2id', { message: password, nonce: salt, ...p, tagLength }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A new PHC string for `password`, with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(ARGON2.saltLength);
  const key = await derive(password, salt, ARGON2, ARGON2.tagLength);
  return `$argon2id$v=19$m=${ARGON2.memory},t=${ARGON2.passes},p=${ARGON2.parallelism}$${b64(salt)}$${b64(key)}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
const within = (n: number, [lo, hi]: readonly [number, number]) => n >= lo && n <= hi;

/** A stored hash taken apart, or null when it is not an Argon2id PHC string within the bounds. */
function parse(stored: string): { params: Params; salt: Buffer; key: Buffer } | null {
  const m = PHC.exec(stored);
  if (!m) return null;
  const params = { memory: Number(m[1]), passes: Number(m[2]), parallelism: Number(m[3]) };
  const salt = Buffer.from(m[4], 'base64');
  const key = Buffer.from(m[5], 'base64');
  const ok =
    within(params.memory, BOUNDS.memory) &&
    params.memory >= 8 * params.parallelism &&
    within(params.passes, BOUNDS.passes) &&
    within(params.parallelism, BOUNDS.parallelism) &&
    within(salt.length, BOUNDS.salt) &&
    within(key.length, BOUNDS.tag);
  return ok ? { params, salt, key } : null;
}

/** Whether `password` matches the stored hash. A malformed or tampered hash matches nothing (never throws). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash was made with other parameters than today's (it is replaced at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return (
    !parsed ||
    parsed.params.memory !== ARGON2.memory ||
    parsed.params.passes !== ARGON2.passes ||
    parsed.params.parallelism !== ARGON2.parallelism ||
    parsed.key.length !== ARGON2.tagLength
  );
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password nobody knows, made once per process: a sign-in for an account that does not
 * exist is verified against it, so it costs the same time as a wrong password for one that does.
 */
export const dummyHash = (): Promise<string> => (dummy ??= hashPassword(randomBytes(24).toString('base64')));
