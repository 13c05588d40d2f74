/**
 * The open cell of the heatmap: chosen by a click on the chart, or with the keyboard through the form
 * below it (a branch and a month, starting on the first branch and the month in view, so Enter opens a
 * cell straight away).
 */
import { getInstanceByDom } from 'echarts/core';
import { ref, shallowRef, watch, type Ref } from 'vue';
import type { Cell } from './options.ts';

export function useCellPicker(cells: Ref<Cell[]>, branches: Ref<{ id: string }[]>, months: Ref<string[]>, month: Ref<string>) {
  const picked = shallowRef<Cell | null>(null);
  const pickBranch = ref('');
  const pickMonth = ref('');
  watch(
    [branches, month],
    ([bs, m]) => {
      if (!bs.some((b) => b.id === pickBranch.value)) pickBranch.value = bs[0]?.id ?? '';
      pickMonth.value = m;
    },
    { immediate: true },
  );
  function openCell(branch: string, m: string) {
    picked.value = cells.value.find((c) => c.branch === branch && c.month === m) ?? null;
  }
  /** The cell under a click on the chart's wrapper (its pixel mapped back to branch and month). */
  function onChartClick(e: MouseEvent) {
    const dom = (e.currentTarget as HTMLElement).querySelector<HTMLElement>('[_echarts_instance_]');
    const chart = dom ? getInstanceByDom(dom) : undefined;
    const at = chart?.convertFromPixel({ seriesIndex: 0 }, [e.offsetX, e.offsetY]);
    const b = at && branches.value[Math.round(at[1])];
    const m = at && months.value[Math.round(at[0])];
    if (b && m) openCell(b.id, m);
  }
  const closeCell = () => (picked.value = null);
  return { picked, pickBranch, pickMonth, openCell, closeCell, onChartClick };
}
