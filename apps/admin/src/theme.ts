import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

// Dates and numbers in French whatever language the browser is set to.
const withFrenchFormats = (theme: RaThemeOptions): RaThemeOptions => ({
  ...theme,
  components: {
    ...theme.components,
    RaDateField: { defaultProps: { locales: 'fr-FR' } },
    RaNumberField: { defaultProps: { locales: 'fr-FR' } },
  },
});

export const lightTheme = withFrenchFormats(defaultLightTheme);
export const darkTheme = withFrenchFormats(defaultDarkTheme);
