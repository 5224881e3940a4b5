import { describe, expect, it } from '@jest/globals';
import { BROWSER_TEST_TIMEOUT, browserSession, loginViaPersonaPage, step } from './browser.js';

const session = browserSession();

const pick = async (label: string, text: string, option: RegExp) => {
  const box = session.page.getByRole('combobox', { name: label, exact: true });
  await box.fill(text);
  await session.page.getByRole('option', { name: option }).first().click();
};

describe('admin app in a real browser', () => {
  it(
    'signs in as the hospital editor, creates an offer in their structure with the nomenclature pickers, and finds it in the list',
    async () => {
      const { page, t } = session;
      await step(page, 'sign-in', () => loginViaPersonaPage(page, t.url, 'hospital-editor'));

      await step(page, 'create-offer', async () => {
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

      await step(page, 'find-in-list', async () => {
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
      // Claire Martin, the hospital editor persona (apps/dev-idp), keyed on her SubjectNameID.
      expect(audit.rows).toEqual([{ actor: 'user:810000000101' }]);
    },
    BROWSER_TEST_TIMEOUT,
  );
});
