import { describe, expect, it } from 'vitest';
import { isOptionLiteral, MAX_FUNCTION_LINES, namedFunctions } from './house/functions.ts';

describe('the house', () => {
  it(`should have no named function over ${MAX_FUNCTION_LINES} lines outside ECharts option literals (node test/house/functions.ts lists them)`, () => {
    const over = namedFunctions().filter((f) => f.lines > MAX_FUNCTION_LINES && !isOptionLiteral(f));
    expect(over.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`)).toEqual([]);
  });
});
