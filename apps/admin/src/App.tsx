import { Admin, Resource } from 'react-admin';
import { authProvider, LoginPage } from './authProvider';
import { Dashboard } from './components/Dashboard';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import auditEvents from './resources/auditEvents';
import capacities from './resources/capacities';
import equipment from './resources/equipment';
import healthcareServices from './resources/healthcareServices';
import imports from './resources/imports';
import locations from './resources/locations';
import organizations from './resources/organizations';
import practitionerRoles from './resources/practitionerRoles';
import practitioners from './resources/practitioners';
import { darkTheme, lightTheme } from './theme';

export const App = () => (
  <Admin
    title="app.title"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    loginPage={LoginPage}
    dashboard={Dashboard}
    theme={lightTheme}
    darkTheme={darkTheme}
    requireAuth
    // Health data back-office: no call home to react-admin's telemetry server.
    disableTelemetry
  >
    <Resource name="organizations" {...organizations} />
    <Resource name="healthcare-services" {...healthcareServices} />
    <Resource name="locations" {...locations} />
    <Resource name="capacities" {...capacities} />
    <Resource name="equipment" {...equipment} />
    <Resource name="practitioners" {...practitioners} />
    <Resource name="practitioner-roles" {...practitionerRoles} />
    <Resource name="audit-events" {...auditEvents} />
    <Resource name="imports" {...imports} />
  </Admin>
);
