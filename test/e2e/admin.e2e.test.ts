import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = 'test-results';

let t: TestApp;
let browser: Browser;
let page: Page;
let baseUrl: string;

beforeAll(async () => {
  // The built admin app (npm test builds it first), served by the real API as in production.
  t = await startTestApp({ adminDistDir: 'dist/admin' });
  await t.app.listen(0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  browser = await chromium.launch({
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
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'fr-FR' });
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Runs a step, keeping a screenshot of the page when it fails. */
async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true }).catch(() => undefined);
    throw error;
  }
}

const pick = async (label: string, text: string, option: RegExp) => {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.fill(text);
  await page.getByRole('option', { name: option }).first().click();
};

describe('admin app in a real browser', () => {
  it('signs in, creates an offer with the nomenclature pickers, and finds it in the list', async () => {
    await step('sign-in', async () => {
      await page.goto(`${baseUrl}/`);
      await page.getByLabel('Utilisateur de test').selectOption('editeur');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByText('Bienvenue dans le back-office du ROR').waitFor();
    });

    await step('create-offer', async () => {
      await page.getByRole('menuitem', { name: 'Offres opérationnelles' }).click();
      await page.getByRole('link', { name: 'Créer' }).click();
      await page.waitForURL(/\/healthcare-services\/create/);
      await page.getByRole('textbox', { name: "Nom de l'offre" }).fill('Rythmologie — hospitalisation de jour');
      await pick('Structure', 'cardio', /Service de cardiologie/);
      await pick("Champ d'activité", 'Médecine', /Médecine, Chirurgie/);
      await pick('Activités opérationnelles', 'cardio', /Cardiologie générale/);
      await pick('Mode de prise en charge', 'hospitalisation de jour', /Hospitalisation de jour/);
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByRole('heading', { name: 'Complétude' }).waitFor();
    });

    await step('find-in-list', async () => {
      await page.getByRole('menuitem', { name: 'Offres opérationnelles' }).click();
      await page.getByRole('cell', { name: 'Rythmologie — hospitalisation de jour', exact: true }).waitFor();
    });

    const { rows } = await t.db.query(
      `SELECT care_mode->>'code' AS care_mode, operational_activities->0->>'code' AS activity, identifier
       FROM healthcare_service WHERE name = 'Rythmologie — hospitalisation de jour'`,
    );
    expect(rows).toEqual([{ care_mode: '29', activity: '013', identifier: expect.stringMatching(/^84\/\d+$/) }]);
    const audit = await t.db.query(
      `SELECT actor FROM audit_event WHERE entity_type = 'healthcare-services' AND action = 'create' AND after->>'name' = $1`,
      ['Rythmologie — hospitalisation de jour'],
    );
    expect(audit.rows).toEqual([{ actor: 'editeur' }]);
  });
});
