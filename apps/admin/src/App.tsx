import { QueryClient } from '@tanstack/react-query';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router';
import { authProvider } from './authProvider';
import { AppLayout } from './components/AppLayout';
import { Dashboard } from './components/Dashboard';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { LoginPage } from './LoginPage';
import { MyAccessPage } from './pages/MyAccess';
import accessRequests from './resources/accessRequests';
import apiClients from './resources/apiClients';
import auditEvents from './resources/auditEvents';
import capacities from './resources/capacities';
import equipment from './resources/equipment';
import healthcareServices from './resources/healthcareServices';
import imports from './resources/imports';
import locations from './resources/locations';
import organizations from './resources/organizations';
import practitionerRoles from './resources/practitionerRoles';
import practitioners from './resources/practitioners';
import users from './resources/users';
import { darkTheme, lightTheme } from './theme';

const queryClient = new QueryClient();
// Rights change rarely: the server's answer for a record (an Edit button shown or not) holds for a minute.
// The server checks every write anyway.
queryClient.setQueryDefaults(['auth', 'canAccess'], { staleTime: 60_000 });

export const App = () => (
  <Admin
    title="app.title"
    dataProvider={dataProvider}
    authProvider={authProvider}
    queryClient={queryClient}
    i18nProvider={i18nProvider}
    loginPage={LoginPage}
    layout={AppLayout}
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
    <Resource name="access-requests" {...accessRequests} />
    <Resource name="users" {...users} />
    <Resource name="api-clients" {...apiClients} />
    <Resource name="audit-events" {...auditEvents} />
    <CustomRoutes>
      <Route path="/my-access" element={<MyAccessPage />} />
    </CustomRoutes>
    <Resource name="imports" {...imports} />
    {/* Read-only, shown on a structure's page (no menu entry): written by the FINESS imports. */}
    <Resource name="finess-activities" />
    <Resource name="finess-groupings" />
  </Admin>
);
