/**
 * What the change-password form says beside each field: the hub's problems (each names its field) and the
 * checks made here before asking (a field left empty, the repeat unlike the new password). Kept as words in
 * both languages (or a message key), so switching the language retranslates what is shown.
 */
import type { HubGraphQLError } from '../../api/client.ts';
import type { Translate } from '../../i18n.ts';

export const PASSWORD_FIELDS = ['oldPassword', 'newPassword', 'repeat'] as const;
export type PasswordField = (typeof PASSWORD_FIELDS)[number];
/** A field, or the form as a whole (a refusal that names no field: locked, the network). */
export type Where = PasswordField | 'form';
/** The hub's words in both languages, or one of this page's messages. */
export type Words = { zh: string; en: string } | { key: string };
export type Said = Partial<Record<Where, Words[]>>;

export interface PasswordInput {
  oldPassword: string;
  newPassword: string;
  repeat: string;
}

/** The field a path names (`changePassword.newPassword` → newPassword); anything else is the form's. */
function whereOf(path: string | undefined): Where {
  const last = path?.split('.').at(-1);
  return PASSWORD_FIELDS.find((f) => f === last) ?? 'form';
}

function add(said: Said, where: Where, words: Words): Said {
  (said[where] ??= []).push(words);
  return said;
}

/** Where the hub's refusal goes: each problem beside its field, else the error beside the field it names, else the form's. */
export function saidByHub(e: HubGraphQLError): Said {
  const said: Said = {};
  const problems = e.extensions?.problems ?? [];
  for (const p of problems) add(said, whereOf(p.field), { zh: p.zh, en: p.en });
  if (!problems.length)
    add(said, whereOf(e.extensions?.field), { zh: e.extensions?.messageZh ?? e.message, en: e.extensions?.messageEn ?? e.message });
  return said;
}

/** What is wrong before the hub is asked: an empty field, the new password not repeated alike. */
export function saidHere(v: PasswordInput): Said {
  const said: Said = {};
  if (!v.oldPassword) add(said, 'oldPassword', { key: 'password.requiredOld' });
  if (!v.newPassword) add(said, 'newPassword', { key: 'password.requiredNew' });
  else if (v.repeat !== v.newPassword) add(said, 'repeat', { key: 'password.mismatch' });
  return said;
}

/** Words in the language in view. */
export const wordsIn = (w: Words, lang: 'zh' | 'en', t: Translate): string => ('key' in w ? t(w.key) : w[lang]);

/** The first field with something said beside it (focus goes there), if any. */
export const firstRefused = (said: Said): PasswordField | null => PASSWORD_FIELDS.find((f) => said[f]?.length) ?? null;
