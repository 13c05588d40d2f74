/**
 * Figures as typed into a form (pure, tested in Node): full-width digits and separators as a Chinese input
 * method gives them, thousands separators, spaces; what is not a number is the form's problem before the hub
 * is asked (a variable that is not a number never reaches the hub's checks, which would name its field).
 */

/** A typed number: null when empty, NaN when it is not one. */
export function parseFigure(text: string): number | null {
  const s = text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[,，\s\u3000]/g, '')
    .replace(/^[－−]/, '-');
  if (!s) return null;
  return /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
}

/** The filled figures in the order of `codes`, and the codes whose text is not a number. */
export function metricValues<C extends string>(
  codes: readonly C[],
  raw: Record<C, string>,
): { values: { code: C; value: number }[]; bad: C[] } {
  const values: { code: C; value: number }[] = [];
  const bad: C[] = [];
  for (const code of codes) {
    const v = parseFigure(raw[code] ?? '');
    if (v === null) continue;
    if (Number.isNaN(v)) bad.push(code);
    else values.push({ code, value: v });
  }
  return { values, bad };
}

/** The last complete month in Beijing (YYYY-MM): what a department reports. */
export function lastMonth(now = Date.now()): string {
  const d = new Date(now + 8 * 3_600_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth(); // 0-based: this month − 1
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}
