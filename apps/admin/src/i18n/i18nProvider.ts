import polyglotI18nProvider from 'ra-i18n-polyglot';
import frenchMessages from 'ra-language-french';
import { fr } from './fr';

// French only for now: a second locale would add its messages and an entry to the locale list.
export const i18nProvider = polyglotI18nProvider(
  () => ({ ...frenchMessages, ...fr }),
  'fr',
  [{ locale: 'fr', name: 'Français' }],
  // Messages coming from the API (validation errors) are already French text, not keys.
  { allowMissing: true },
);
