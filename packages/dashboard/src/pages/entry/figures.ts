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

const pad = (n: string) => n.padStart(2, '0');
const normalDigits = (text: string) =>
  text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]/g, '');

/**
 * A typed day as the hub takes it (YYYY-MM-DD), or null when it is none: 2026-11-20, 2026/11/20, 2026.11.20,
 * 20261120, 2026年11月20日 (full-width digits too). A text box, not the browser's date picker, whose segments a
 * keyboard fills differently in every browser and locale.
 */
export function parseDay(text: string): string | null {
  const s = normalDigits(text);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** A typed month (YYYY-MM), or null: 2026-11, 2026/11, 2026.11, 202611, 2026年11月. */
export function parseMonth(text: string): string | null {
  const s = normalDigits(text);
  const m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return `${m[1]}-${pad(m[2]!)}`;
}
