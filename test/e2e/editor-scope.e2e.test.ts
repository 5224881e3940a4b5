import { describe, expect, it } from '@jest/globals';
import { BROWSER_TEST_TIMEOUT, browserSession, loginViaPersonaPage, openMenu, step } from './browser.js';

const session = browserSession();

/** Demo offers (data/demo): one of the CH de Fleyriat, which Claire Martin edits, one of the EHPAD of Cayenne. */
const OWN_OFFER = 'Consultations de cardiologie';
const OTHER_OFFER = 'Hébergement permanent EHPAD';

const offerRow = async (name: string) =>
  (await session.t.db.query('SELECT id, name, version FROM healthcare_service WHERE name = $1', [name])).rows[0] as {
    id: string;
    name: string;
    version: number;
  };

const openOffer = async (name: string) => {
  await session.page.getByRole('menuitem', { name: 'Offres opérationnelles' }).click();
  await session.page.getByRole('cell', { name, exact: true }).click();
  await session.page.waitForURL(/\/healthcare-services\/[^/]+\/show/);
};

describe('a structure editor in the browser', () => {
  it(
    "edits their structure's offer, and cannot edit another structure's (no Edit button, and the API says 403)",
    async () => {
      const { page, t } = session;
      await step(page, 'sign-in', () => loginViaPersonaPage(page, t.url, 'hospital-editor'));

      const own = await offerRow(OWN_OFFER);
      await step(page, 'edit-own-offer', async () => {
        await openOffer(OWN_OFFER);
        await page.getByRole('link', { name: 'Éditer' }).click();
        await page.waitForURL(/\/healthcare-services\/[^/]+$/);
        await page.getByRole('textbox', { name: "Nom de l'offre" }).fill('Consultations de cardiologie et rythmologie');
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.waitForURL(/\/healthcare-services\/[^/]+\/show/);
      });
      expect(await offerRow('Consultations de cardiologie et rythmologie')).toMatchObject({
        id: own.id,
        version: own.version + 1,
      });
      const audit = await t.db.query(
        `SELECT actor FROM audit_event WHERE entity_type = 'healthcare-services' AND entity_id = $1 AND action = 'update'`,
        [own.id],
      );
      expect(audit.rows).toEqual([{ actor: 'user:810000000101' }]);

      const other = await offerRow(OTHER_OFFER);
      await step(page, 'my-structures', async () => {
        await openMenu(page, 'Offres opérationnelles', /#\/healthcare-services(\?.*)?$/);
        const otherRow = page.getByRole('cell', { name: OTHER_OFFER, exact: true });
        await otherRow.waitFor();
        await page.getByLabel('Mes structures').check();
        await otherRow.waitFor({ state: 'detached' });
        await page.getByRole('cell', { name: 'Court séjour gériatrique', exact: true }).waitFor();
        // The filter is remembered for the list: back to every offer for what follows.
        await page.getByLabel('Mes structures').uncheck();
        await otherRow.waitFor();
      });
      await step(page, 'other-offer-read-only', async () => {
        // The Edit button waits for the server's answer for this very record: wait for it too.
        const answer = page.waitForResponse(
          (response) => response.url().includes('/api/auth/can?') && response.url().includes(other.id),
        );
        await openOffer(OTHER_OFFER);
        expect(await (await answer).json()).toEqual({ allowed: false });
        await page.getByText(OTHER_OFFER).first().waitFor();
        expect(await page.getByRole('link', { name: 'Éditer' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Supprimer' }).count()).toBe(0);
      });

      await step(page, 'other-offer-edit-url', async () => {
        // Typing the edit page's address leads to the "access denied" page, not to a form.
        await page.goto(`${t.url}/#/healthcare-services/${other.id}`);
        await page.getByText("Vous n'avez pas les droits d'accès à cette page").waitFor();
      });

      // The server is what enforces: the same session's write, from the page like the app's own, is refused.
      const refused = await page.evaluate(async (id) => {
        const record = (await (await fetch(`/api/healthcare-services/${id}`)).json()) as Record<string, unknown>;
        const response = await fetch(`/api/healthcare-services/${id}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ...record, name: 'Offre reprise par une autre structure' }),
        });
        return response.status;
      }, other.id);
      expect(refused).toBe(403);
      expect(await offerRow(OTHER_OFFER)).toEqual(other);
    },
    BROWSER_TEST_TIMEOUT,
  );
});
