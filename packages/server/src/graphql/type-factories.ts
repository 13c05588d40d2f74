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
