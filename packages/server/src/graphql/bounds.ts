/**
 * Bounds of write inputs, declared once on the input classes with class-validator's decorators (what
 * type-graphql's own examples use), in bilingual form: each decorator here is class-validator's with a
 * message carrying the hub's reason code and a Chinese and an English text. `boundProblems` runs them
 * and returns every refusal with its path inside the input ("attendance.3.hours").
 */
import {
  ArrayMaxSize as CvArrayMaxSize,
  ArrayMinSize as CvArrayMinSize,
  Matches as CvMatches,
  Max as CvMax,
  MaxLength as CvMaxLength,
  Min as CvMin,
  ValidateNested as CvValidateNested,
  validate,
  type ValidationError,
} from 'class-validator';
import { Reason, type ReasonCode } from '../errors.js';

const message = (reason: ReasonCode, zh: string, en: string) => ({ message: () => JSON.stringify({ reason, zh, en }) });

/** At least `n`. */
export const Min = (n: number) =>
  CvMin(
    n,
    message(
      n === 0 ? Reason.inputNegative : Reason.inputOutOfRange,
      n === 0 ? '不能为负数' : `不能小于 ${n}`,
      n === 0 ? 'must not be negative' : `must be at least ${n}`,
    ),
  );

/** At most `n`. */
export const Max = (n: number) => CvMax(n, message(Reason.inputOutOfRange, `不能大于 ${n}`, `must be at most ${n}`));

/** At most `n` characters (the column's length). */
export const MaxLength = (n: number) => CvMaxLength(n, message(Reason.inputTooLong, `最多 ${n} 个字符`, `at most ${n} characters`));

/** At most `n` items in one call. */
export const ArrayMaxSize = (n: number) => CvArrayMaxSize(n, message(Reason.inputTooMany, `一次最多 ${n} 项`, `at most ${n} at once`));

/** At least `n` items. */
export const ArrayMinSize = (n: number) =>
  CvArrayMinSize(n, message(Reason.inputRequired, n === 1 ? '至少一项' : `至少 ${n} 项`, n === 1 ? 'at least one' : `at least ${n}`));

/** Some text besides white space. */
export const NotBlank = () => CvMatches(/\S/, message(Reason.inputRequired, '不能为空', 'is required'));

/** Validates a nested input (or each item of a list of them). */
export const ValidateNested = () => CvValidateNested({ each: true });

export interface BoundProblem {
  path: string;
  reason: ReasonCode;
  zh: string;
  en: string;
}

function flatten(errors: ValidationError[], prefix: string[], out: BoundProblem[]): BoundProblem[] {
  for (const e of errors) {
    const path = [...prefix, e.property];
    for (const text of Object.values(e.constraints ?? {})) {
      let parsed: Omit<BoundProblem, 'path'>;
      try {
        parsed = JSON.parse(text) as Omit<BoundProblem, 'path'>;
      } catch {
        // A class-validator decorator used directly (not through this module): its English text.
        parsed = { reason: Reason.inputOutOfRange, zh: text, en: text };
      }
      out.push({ path: path.join('.'), ...parsed });
    }
    if (e.children?.length) flatten(e.children, path, out);
  }
  return out;
}

/** Every bound the input (a type-graphql input class instance) breaks, with its path inside the input. */
export async function boundProblems(input: object): Promise<BoundProblem[]> {
  const errors = await validate(input, { skipMissingProperties: true, forbidUnknownValues: false, validationError: { target: false } });
  return flatten(errors, [], []);
}
