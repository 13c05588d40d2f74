/**
 * GraphiQL as an analyst opens it, in a real Chromium: the schema loads through the standard
 * introspection query (docs and autocompletion), the default query runs without an error, and
 * nothing is fetched from anywhere but the hub (hospital intranets reach no CDN).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSession, repoRoot, startHub, type HubProcess } from './support/hub-process.ts';
import { copySeeded } from './support/seeded.ts';

/** Debian's Chromium (STACK.md): a test tool's own browser download fails on these machines. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// A machine without a browser skips this file, loudly; CI (.ci/run) installs Chromium first, and with
// CI set a missing browser fails instead.
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI)
  throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH`);
if (!hasBrowser)
  console.warn(`[e2e] browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const screenshots = join(repoRoot, 'test', 'screenshots');

describe.runIf(hasBrowser)('e2e/graphiql in Chromium', () => {
  let hub: HubProcess;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  const foreign: string[] = [];
  const graphqlErrors: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'party-hub-graphiql-'));
    await copySeeded(dataDir);
    hub = await startHub({ HUB_DATA_DIR: dataDir, HUB_SEED: 'hospital' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    // Signed in on the dashboard first, as an analyst would be: GraphiQL's requests carry the session cookie.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    await addSession(context, hub.url);
    page = await context.newPage();
    const origin = new URL(hub.url).origin;
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    page.on('response', async (res) => {
      if (!res.url().endsWith('/graphql')) return;
      const body = (await res.json().catch(() => null)) as { errors?: { message: string }[] } | null;
      for (const e of body?.errors ?? []) graphqlErrors.push(e.message);
    });
    await mkdir(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    hub?.killAll();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('should load the schema: the documentation explorer lists the root fields', async () => {
    const introspection = page.waitForResponse(
      (res) => res.url().endsWith('/graphql') && (res.request().postData() ?? '').includes('IntrospectionQuery'),
    );
    await page.goto(`${hub.url}/graphiql`);
    const res = await introspection;
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { data?: { __schema: unknown }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data?.__schema).toBeTruthy();

    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
    const explorer = page.locator('.graphiql-doc-explorer');
    for (const field of ['organizations', 'members', 'activities', 'surveyResponses', 'node'])
      await expect.poll(() => explorer.getByText(field, { exact: true }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(screenshots, 'graphiql-docs.png') });
  });

  it('should run the default query without an error', async () => {
    const answer = page.waitForResponse(
      (res) => res.url().endsWith('/graphql') && !(res.request().postData() ?? '').includes('IntrospectionQuery'),
    );
    await page.locator('.graphiql-execute-button').click();
    const res = await answer;
    const body = (await res.json()) as { data?: { organizations: { totalCount: number; nodes: unknown[] } }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data!.organizations.totalCount).toBeGreaterThan(40);
    expect(body.data!.organizations.nodes).toHaveLength(5);
    await expect.poll(() => page.locator('.result-window').innerText()).toMatch(/"totalCount": \d+/);
    expect(await page.locator('.result-window').innerText()).not.toMatch(/"errors"/);
    await page.screenshot({ path: join(screenshots, 'graphiql-result.png') });
  });

  it('should autocomplete from the schema', async () => {
    const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('{ surveyRe');
    await page.keyboard.press('Control+Space');
    await expect
      .poll(() =>
        page
          .locator('.CodeMirror-hints')
          .innerText()
          .catch(() => ''),
      )
      .toMatch(/surveyResponses/);
    await page.screenshot({ path: join(screenshots, 'graphiql-autocomplete.png') });
  });

  it('should fetch nothing from outside the hub and see no GraphQL error', () => {
    expect(foreign).toEqual([]);
    expect(graphqlErrors).toEqual([]);
  });
});
