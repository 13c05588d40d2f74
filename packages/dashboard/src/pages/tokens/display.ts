/**
 * The wall display card's view model (大屏链接): the pages a display may open — those the kiosk rotates
 * through, each in kiosk mode, the overview first, and the overview turning through all of them — and what
 * the form says before the hub is asked. Pure, so the tests drive it without a browser.
 */
import { DAYS, type Said } from './view.ts';

/** The display's name becomes its token's `大屏 · <name>` (at most 100 characters). */
export const DISPLAY_NAME_MAX = 95;
/** Seconds each board stays up when the display turns through them all. */
export const ROTATE_SECONDS = 60;

/** The words the header's navigation uses for a page (`nav.<key>`). */
const NAV_KEY: Record<string, string> = {
  '/': 'overview',
  '/branches': 'branches',
  '/organization-life': 'orgLife',
  '/development': 'development',
  '/satisfaction': 'satisfaction',
  '/honors': 'honors',
  '/meeting': 'meeting',
};

export interface DisplayPage {
  /** The path the display opens (`/?kiosk=1`). */
  path: string;
  /** Its label: a page's navigation key, or `rotate` (the overview turning through every board). */
  key: string;
}

/** The pages offered, from the kiosk's rotation (router.ts ROTATION): the overview first, then all in turn, then each. */
export function displayPages(rotation: readonly string[]): DisplayPage[] {
  const pages = rotation.map((p) => ({ path: `${p}?kiosk=1`, key: NAV_KEY[p] ?? p }));
  const [first, ...rest] = pages.toSorted((a, b) => Number(b.path === '/?kiosk=1') - Number(a.path === '/?kiosk=1'));
  return [first!, { path: `/?kiosk=1&rotate=${ROTATE_SECONDS}`, key: 'rotate' }, ...rest];
}

/** What is wrong before the hub is asked: no name, a name too long, days out of 1–90 or not whole. */
export function displaySaidHere(v: { name: string; days: number | string | null }): Said {
  const said: Said = {};
  const name = v.name.trim();
  if (!name) said.name = [{ key: 'tokens.display.nameRequired' }];
  else if ([...name].length > DISPLAY_NAME_MAX) said.name = [{ key: 'tokens.nameTooLong', params: { max: DISPLAY_NAME_MAX } }];
  const days = Number(v.days);
  if (v.days === null || v.days === '' || !Number.isInteger(days) || days < DAYS.min || days > DAYS.max)
    said.days = [{ key: 'tokens.daysRange', params: { min: DAYS.min, max: DAYS.max } }];
  return said;
}

/** The link as the TV opens it: the hub answers its path, this page's origin makes it whole. */
export const fullUrl = (origin: string, path: string): string => new URL(path, origin).href;
