import { describe, expect, it } from 'vitest';
import { Reason } from '../../errors.js';
import { ARGON2, dummyHash, hashPassword, needsRehash, verifyPassword } from './password.js';
import { commonPasswords, passwordProblems, PASSWORD_MAX } from './password-policy.js';

const reasons = (password: string, username = 'wang.li') => passwordProblems(password, username).map((p) => p.reason);

describe('account/password policy', () => {
  it('should take a long password of three classes that is not common and not the username', () => {
    expect(reasons('Dangjian-2026')).toEqual([]);
    expect(reasons('红旗渐展Hongqi7')).toEqual([]); // a Chinese character counts as a symbol
  });

  it('should refuse fewer than 8 characters, counting characters rather than UTF-16 units', () => {
    expect(reasons('Ab1-xyz')).toEqual([Reason.passwordTooShort]);
    expect(reasons('Ab1-𝒳𝒴𝒵')).toEqual([Reason.passwordTooShort]); // 7 characters, 10 UTF-16 units
  });

  it('should ask for three of lower case, upper case, digits and symbols', () => {
    expect(reasons('lowercaseonly')).toEqual([Reason.passwordTooSimple]);
    expect(reasons('lowercase2026')).toEqual([Reason.passwordTooSimple]);
    expect(reasons('lowercase-2026')).toEqual([]);
    expect(reasons('UPPER-2026-x')).toEqual([]);
  });

  it('should refuse a password containing the username in any case', () => {
    expect(reasons('Xx-Wang.Li-2026')).toEqual([Reason.passwordHasUsername]);
    expect(reasons('Xx-wang.li-2026', 'WANG.LI')).toEqual([Reason.passwordHasUsername]);
  });

  it('should refuse a password of the bundled 10,000 most common, whatever its case', () => {
    expect(commonPasswords().size).toBeGreaterThan(9_900); // 10,000 lines, a few alike once lower-cased
    expect(reasons('Password1')).toEqual([Reason.passwordCommon]); // long enough, three classes, and common
    expect(reasons('PASSWORD1')).toEqual([Reason.passwordTooSimple, Reason.passwordCommon]);
    expect(reasons('1qaz2wsx')).toEqual([Reason.passwordTooSimple, Reason.passwordCommon]);
  });

  it('should refuse a password over 256 characters, and a megabyte at once with that one reason', () => {
    expect(reasons(`Aa1-${'x'.repeat(PASSWORD_MAX - 4)}`)).toEqual([]);
    expect(reasons(`Aa1-${'x'.repeat(PASSWORD_MAX - 3)}`)).toEqual([Reason.passwordTooLong]);
    const started = performance.now();
    expect(reasons('a'.repeat(1 << 20))).toEqual([Reason.passwordTooLong]);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('account/password hashing', () => {
  it('should store Argon2id with the OWASP parameters in a PHC string, salted anew each time', async () => {
    const a = await hashPassword('Dangjian-2026');
    const b = await hashPassword('Dangjian-2026');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(ARGON2).toMatchObject({ memory: 19 * 1024, passes: 2, parallelism: 1 });
    expect(needsRehash(a)).toBe(false);
  });

  it('should verify the right password and only it', async () => {
    const stored = await hashPassword('Dangjian-2026');
    expect(await verifyPassword('Dangjian-2026', stored)).toBe(true);
    expect(await verifyPassword('dangjian-2026', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    expect(await verifyPassword('Dangjian-2026', await dummyHash())).toBe(false);
  });

  it('should match nothing with a tampered hash, and never throw or run away with its parameters', async () => {
    const stored = await hashPassword('Dangjian-2026');
    const [, , v, params, salt, key] = stored.split('$');
    const flipped = `${key.slice(0, 10)}${key[10] === 'A' ? 'B' : 'A'}${key.slice(11)}`;
    const tampered = [
      `$argon2id$${v}$${params}$${salt}$${flipped}`, // another hash
      `$argon2id$${v}$${params}$${salt.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}$${key}`, // another salt
      `$argon2id$${v}$m=19456,t=3,p=1$${salt}$${key}`, // other passes
      `$argon2i$${v}$${params}$${salt}$${key}`, // another variant
      `$argon2id$${v}$m=4194304,t=2,p=1$${salt}$${key}`, // 4 GiB: refused, not attempted
      `$argon2id$${v}$${params}$${salt}$`,
      'plaintext',
      '',
    ];
    for (const t of tampered) expect(await verifyPassword('Dangjian-2026', t), t).toBe(false);
    expect(needsRehash(`$argon2id$${v}$m=65536,t=3,p=4$${salt}$${key}`)).toBe(true);
  });
});
