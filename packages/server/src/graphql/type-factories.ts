/**
 * Building blocks for types made at schema build rather than written as classes: a named class for
 * type-graphql's decorators to fill, a method defined on it, and the sort direction every ordering shares.
 */
import type { ClassType } from 'type-graphql';
import { registerBilingualEnum } from '../domain/bilingual-enum.js';
import { d } from './describe.js';

export const OrderDirection = registerBilingualEnum(
  { ASC: 'ASC', DESC: 'DESC' } as const,
  'OrderDirection',
  d('排序方向', 'Sort direction'),
  {
    ASC: d('升序', 'Ascending'),
    DESC: d('降序', 'Descending'),
  },
);
export type OrderDirection = (typeof OrderDirection)[keyof typeof OrderDirection];

/** The period a figure is compared with: an indicator's breakdown, an aggregate's date buckets. */
export const CompareTo = registerBilingualEnum(
  { PREVIOUS: 'PREVIOUS', SAME_PERIOD_LAST_YEAR: 'SAME_PERIOD_LAST_YEAR' } as const,
  'CompareTo',
  d(
    '与哪个期间比较（同口径：季度、年度指标按同样的累计月份）',
    'Which period to compare with (like for like: a quarterly or yearly indicator over the same months to date)',
  ),
  {
    PREVIOUS: d(
      '上期（上月、上季度或上年的同口径累计；聚合：前一个时间段）',
      'The previous period (last month, quarter or year, to the same month; an aggregate: the bucket before)',
    ),
    SAME_PERIOD_LAST_YEAR: d('上年同期', 'The same period a year earlier'),
  },
);
export type CompareTo = (typeof CompareTo)[keyof typeof CompareTo];

/** A named class for type-graphql to decorate (its name becomes the GraphQL type name). */
export function named(name: string, base?: ClassType): ClassType {
  // oxlint-disable-next-line typescript/no-extraneous-class -- an empty class for decorators to fill
  const cls = base ? class extends base {} : class {};
  Object.defineProperty(cls, 'name', { value: name });
  return cls as ClassType;
}

export function defineMethod(cls: ClassType, name: string, fn: (...args: never[]) => unknown): PropertyDescriptor {
  Object.defineProperty(cls.prototype, name, { value: fn, writable: true, configurable: true });
  return Object.getOwnPropertyDescriptor(cls.prototype, name)!;
}
