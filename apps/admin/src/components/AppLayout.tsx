import type { ReactNode } from 'react';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { Layout, Menu, usePermissions, useResourceDefinitions } from 'react-admin';
import { canDecideRequests } from '../authProvider';
import { PendingRequestsIcon } from '../resources/accessRequests';
import type { CurrentUser } from '../types';

/**
 * The resources' menu (each item hidden when `canAccess` says no), plus "Mes accès" for everyone and a
 * badge counting the access requests waiting for the user's decision.
 */
const AppMenu = () => {
  const resources = useResourceDefinitions();
  const { permissions: me } = usePermissions<CurrentUser>();
  return (
    <Menu>
      <Menu.DashboardItem />
      {Object.keys(resources)
        .filter((name) => resources[name].hasList)
        .map((name) =>
          name === 'access-requests' ? (
            me &&
            canDecideRequests(me) && <Menu.ResourceItem key={name} name={name} leftIcon={<PendingRequestsIcon />} />
          ) : (
            <Menu.ResourceItem key={name} name={name} />
          ),
        )}
      <Menu.Item to="/my-access" primaryText="app.menu.my_access" leftIcon={<ManageAccountsIcon />} />
    </Menu>
  );
};

export const AppLayout = ({ children }: { children: ReactNode }) => <Layout menu={AppMenu}>{children}</Layout>;
