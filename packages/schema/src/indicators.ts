/** Browser-safe entry: the indicator catalog and period arithmetic (no Node built-ins). */
export * from './catalog.ts';
export * from './period.ts';
export * from './judgement.ts';
