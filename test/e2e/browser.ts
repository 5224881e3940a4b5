/** What every browser test needs: Chromium, a page, failure screenshots, and logging in as a person does. */
import { afterAll, beforeAll } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = 'test-results';

/** A journey through several pages, on a machine that may be busy: more than jest's default minute. */
export const BROWSER_TEST_TIMEOUT = 180_000;

const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });

export type BrowserSession = { t: TestApp; page: Page };

/** The app with its own local PSC, and a browser page: started before a file's tests, closed after them. */
export function browserSession(): BrowserSession {
  const session = {} as BrowserSession & { browser?: Browser };
  beforeAll(async () => {
    // The built admin app (npm test builds it first), served by the real API as in production.
    session.t = await startTestApp({ adminDistDir: 'dist/admin' });
    session.browser = await launchBrowser();
    session.page = await session.browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
    session.page.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.t?.close();
  });
  return session;
}

/** Runs a step, keeping a screenshot of the page when it fails. */
export async function step(page: Page, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Opens a menu entry and waits for its page. Right after a save, react-admin re-renders the layout and a click
 * may land on a menu item being replaced: the click is repeated (at most three times) until the URL changes.
 */
export async function openMenu(page: Page, name: string, url: RegExp): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.getByRole('menuitem', { name }).click();
    try {
      await page.waitForURL(url, { timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Logs in as a person does: the app's login page, its Pro Santé Connect button, then the persona page of
 * the local PSC (apps/dev-idp), where each persona is a button showing its id; PSC sends the browser back
 * to the app, signed in.
 */
export async function loginViaPersonaPage(page: Page, appUrl: string, persona: string): Promise<void> {
  await page.goto(`${appUrl}/#/login`);
  await page.getByRole('button', { name: 'Se connecter avec Pro Santé Connect' }).click();
  await page.getByRole('heading', { name: 'Choisissez un professionnel' }).waitFor();
  await page.getByRole('button', { name: new RegExp(`\\b${persona} · `) }).click();
  await page.waitForURL((url) => url.href.startsWith(appUrl));
  await page.getByText('Bienvenue dans le back-office du ROR').waitFor();
}
