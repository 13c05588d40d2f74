import { describe, expect, it } from 'vitest';
import { scaleHeight, scaleOption } from './scale.ts';

const formatter = (p: unknown) => String(p);

describe('dashboard/charts/scale', () => {
  it('should grow every explicit text size, wherever it is, and leave lines, symbols and data alone', () => {
    const option = {
      legend: { itemWidth: 32, itemGap: 24, textStyle: { fontSize: 15 } },
      xAxis: { type: 'category', data: ['a', 'b'], axisLabel: { fontSize: 14, lineHeight: 20, width: 150, overflow: 'break' } },
      yAxis: [{ type: 'category', axisLabel: { width: 220, overflow: 'truncate', formatter } }],
      series: [
        {
          type: 'line',
          symbolSize: 9,
          lineStyle: { width: 2.5 },
          data: [1, { value: 2, label: { fontSize: 16, rich: { na: { fontSize: 14 } } } }],
          markLine: { label: { distance: 6, fontSize: 14 } },
        },
      ],
    };
    const out = scaleOption(option, 2) as any;
    expect(out.legend).toEqual({ itemWidth: 64, itemGap: 48, textStyle: { fontSize: 30 } });
    expect(out.xAxis.axisLabel).toMatchObject({ fontSize: 28, lineHeight: 40, width: 150 }); // a break width stays
    expect(out.yAxis[0].axisLabel.width).toBe(440); // a truncation width is the name's room: it grows
    expect(out.yAxis[0].axisLabel.formatter).toBe(formatter);
    expect(out.series[0].symbolSize).toBe(9);
    expect(out.series[0].lineStyle.width).toBe(2.5);
    expect(out.series[0].data[0]).toBe(1);
    expect(out.series[0].data[1]).toEqual({ value: 2, label: { fontSize: 32, rich: { na: { fontSize: 28 } } } });
    expect(out.series[0].markLine.label).toEqual({ distance: 12, fontSize: 28 });
    // The option given is not touched.
    expect(option.legend.textStyle.fontSize).toBe(15);
  });

  it('should widen a grid’s pixel margins (room for the labels) and leave percentages', () => {
    const out = scaleOption({ grid: { left: 236, right: '5%', top: 64, bottom: 48, containLabel: true } }, 1.5) as any;
    expect(out.grid).toEqual({ left: 354, right: '5%', top: 96, bottom: 72, containLabel: true });
    const many = scaleOption({ grid: [{ left: 10 }, { top: 20 }] }, 2) as any;
    expect(many.grid).toEqual([{ left: 20 }, { top: 40 }]);
  });

  it('should return the very option at scale 1 (a desk pays nothing)', () => {
    const option = { textStyle: { fontSize: 14 } };
    expect(scaleOption(option, 1)).toBe(option);
  });

  it('should scale a height in px and leave other units', () => {
    expect(scaleHeight('360px', 1.69)).toBe('608px');
    expect(scaleHeight('56px', 1)).toBe('56px');
    expect(scaleHeight('40vh', 2)).toBe('40vh');
    expect(scaleHeight('100%', 2)).toBe('100%');
  });
});
