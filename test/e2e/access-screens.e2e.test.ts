import { describe, expect, it } from '@jest/globals';
import { BROWSER_TEST_TIMEOUT, browserSession, loginViaPersonaPage, step } from './browser.js';

const session = browserSession();

/** Logs out through the user menu: the app, then PSC's end-session session.page, which sends the browser back. */
const logout = async () => {
  await session.page.getByRole('button', { name: 'Profil' }).click();
  await session.page.getByRole('menuitem', { name: 'Déconnexion' }).click();
  await session.page.getByRole('button', { name: 'Se connecter avec Pro Santé Connect' }).waitFor();
};

describe('access screens in the browser', () => {
  it(
    'a user asks for editor rights, the ARS reviewer grants them; an admin issues, rotates and revokes an API key',
    async () => {
      const { page, t } = session;
      // The editor of the site holds no right on its legal entity yet: PSC lists it in their activities.
      await step(page, 'request', async () => {
        await loginViaPersonaPage(page, t.url, 'hospital-editor');
        expect(await page.getByRole('menuitem', { name: 'Clients API' }).count()).toBe(0);
        await page.getByRole('menuitem', { name: 'Mes accès' }).click();
        await page.getByText(/^Éditeur de structure — /).waitFor();
        await page.getByRole('combobox', { name: 'Structure' }).click();
        await page.getByRole('option', { name: /CENTRE HOSPITALIER DE BOURG-EN-BRESSE FLEYRIAT/ }).click();
        await page.getByRole('textbox', { name: /Message/ }).fill('Gestion des lits du site');
        await page.getByRole('button', { name: 'Envoyer la demande' }).click();
        await page.getByText('Demande envoyée.').waitFor();
        await page.getByRole('cell', { name: 'En attente' }).waitFor();
        await logout();
      });

      await step(page, 'decide', async () => {
        await loginViaPersonaPage(page, t.url, 'ars-reviewer');
        await page.getByRole('menuitem', { name: /Demandes à traiter/ }).click();
        await page.getByRole('cell', { name: 'Gestion des lits du site' }).waitFor();
        await page.getByRole('button', { name: 'Accorder' }).click();
        await page.getByRole('textbox', { name: /Commentaire/ }).fill('Bienvenue');
        await page.getByRole('dialog').getByRole('button', { name: 'Accorder' }).click();
        await page.getByText('Demande accordée.').waitFor();
        await logout();
      });
      const granted = await t.db.query(
        `SELECT ar.status, ar.decision_comment FROM access_request ar JOIN app_user u ON u.id = ar.user_id
       WHERE u.subject_name_id = '810000000101'`,
      );
      expect(granted.rows).toEqual([{ status: 'granted', decision_comment: 'Bienvenue' }]);

      let firstKey = '';
      await step(page, 'api-client', async () => {
        await loginViaPersonaPage(page, t.url, 'admin');
        await page.getByRole('menuitem', { name: 'Clients API' }).click();
        await page.getByRole('link', { name: 'Créer' }).click();
        await page.getByRole('textbox', { name: 'Nom du client' }).fill('Logiciel de gestion des lits');
        await page.getByRole('combobox', { name: "Profil d'accès" }).click();
        await page.getByRole('option', { name: /^2 — / }).click();
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        const dialog = page.getByRole('dialog', { name: /Clé d’API/ });
        firstKey = await dialog.getByRole('textbox', { name: 'Clé' }).inputValue();
        await dialog.getByRole('button', { name: "J'ai copié la clé" }).click();
        await page.waitForURL(/\/api-clients\/[^/]+\/show/);

        await page.getByRole('button', { name: 'Renouveler la clé' }).click();
        await page.getByRole('button', { name: 'Confirmer' }).click();
        const rotated = await page.getByRole('dialog', { name: /Clé d’API/ }).getByRole('textbox', { name: 'Clé' });
        expect(await rotated.inputValue()).not.toBe(firstKey);
        await page.getByRole('button', { name: "J'ai copié la clé" }).click();

        await page.getByRole('button', { name: 'Révoquer' }).click();
        await page.getByRole('button', { name: 'Confirmer' }).click();
        await page.getByText('Client révoqué.').waitFor();
        await page.getByText('Révoqué', { exact: true }).waitFor();
      });
      expect(firstKey.length).toBeGreaterThan(20);
      // The first key stopped working at the rotation, the client at its revocation.
      await t.withKey(firstKey).get('/api/organizations').expect(401);
    },
    BROWSER_TEST_TIMEOUT,
  );
});
