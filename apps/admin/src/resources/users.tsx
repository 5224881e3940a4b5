import { useState } from 'react';
import PeopleIcon from '@mui/icons-material/People';
import PersonRemoveIcon from '@mui/icons-material/PersonRemove';
import { Box, Button, Typography } from '@mui/material';
import {
  ArrayField,
  AutocompleteInput,
  DataTable,
  DateField,
  DateInput,
  Form,
  FormDataConsumer,
  ReferenceInput,
  ResourceContextProvider,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  required,
  useCreate,
  useDataProvider,
  useFieldValue,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { canManageRoles } from '../authProvider';
import { ConfirmButton } from '../components/ConfirmButton';
import { ListPage } from '../components/ListPage';
import { RolesField, roleChoices, useDescribeRole } from '../components/Roles';
import { regionChoices } from '../regions';
import type { CurrentUser, Role, RoleAssignment, ShowChildProps } from '../types';

interface User {
  id: string;
  fullName: string;
  subjectNameId: string;
  roles: RoleAssignment[];
  lastLoginAt?: string | null;
  pscClaims?: unknown;
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
];

const UserList = () => (
  <ListPage filters={filters}>
    <DataTable<User> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="fullName" disableSort />
      <DataTable.Col source="subjectNameId" disableSort />
      <DataTable.Col source="roles" disableSort field={RolesField} />
      <DataTable.Col source="lastLoginAt">
        <DateField source="lastLoginAt" showTime />
      </DataTable.Col>
    </DataTable>
  </ListPage>
);

/** The roles the caller may hand out (DESIGN §2); the API checks the scope of each grant. */
const grantableRoles = (me: CurrentUser): Role[] => {
  if (me.isAdmin) return ['structure-editor', 'structure-referent', 'ars-reviewer', 'national-admin'];
  if (me.roles.some((assignment) => assignment.role === 'ars-reviewer')) {
    return ['structure-editor', 'structure-referent'];
  }
  return ['structure-editor'];
};

const structureScoped = (role?: Role) => role === 'structure-editor' || role === 'structure-referent';

interface GrantValues {
  role?: Role;
  organizationId?: string;
  regionCodes?: string[];
  validUntil?: string | null;
}

const GrantRoleForm = ({ user, me }: { user: User; me: CurrentUser }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [create, { isPending }] = useCreate();
  // A new form after each grant, so the next one starts empty.
  const [formKey, setFormKey] = useState(0);
  const roles = grantableRoles(me);
  const choices = roleChoices.filter((choice) => roles.includes(choice.id));

  const submit = (values: GrantValues) => {
    // Only the fields of the chosen kind of scope: an ARS role has regions, a structure role a structure.
    const scope =
      values.role === 'ars-reviewer'
        ? { regionCodes: values.regionCodes }
        : structureScoped(values.role)
          ? { organizationId: values.organizationId }
          : {};
    const data = { userId: user.id, role: values.role, ...scope, validUntil: values.validUntil || undefined };
    create(
      'role-assignments',
      { data },
      {
        onSuccess: () => {
          notify('app.user.granted', { type: 'success' });
          setFormKey((key) => key + 1);
          refresh();
        },
        onError: (error) => notify((error as Error).message, { type: 'error' }),
      },
    );
  };

  return (
    <Box sx={{ mt: 3, maxWidth: 600 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {translate('app.user.grant_title')}
      </Typography>
      <Form key={formKey} record={{}} defaultValues={{ role: roles[0] }} onSubmit={submit}>
        <SelectInput source="role" choices={choices} validate={required()} fullWidth />
        <FormDataConsumer<GrantValues>>
          {({ formData }) =>
            formData.role === 'ars-reviewer' ? (
              <SelectArrayInput
                source="regionCodes"
                choices={regionChoices}
                validate={required()}
                helperText="app.user.regions_helper"
                fullWidth
              />
            ) : (
              structureScoped(formData.role) && (
                <ReferenceInput source="organizationId" reference="organizations">
                  <AutocompleteInput validate={required()} helperText="app.user.organization_helper" fullWidth />
                </ReferenceInput>
              )
            )
          }
        </FormDataConsumer>
        <DateInput source="validUntil" helperText="app.user.valid_until_helper" />
        <Box>
          <Button type="submit" variant="contained" disabled={isPending}>
            {translate('app.user.grant')}
          </Button>
        </Box>
      </Form>
    </Box>
  );
};

const RevokeRoleButton = () => {
  const assignment = useRecordContext<RoleAssignment>();
  const dataProvider = useDataProvider();
  // Automatic roles follow PSC; revoked ones stay listed for the record.
  if (!assignment || assignment.automatic || assignment.revokedAt) return null;
  return (
    <ConfirmButton
      label="app.user.revoke"
      icon={<PersonRemoveIcon />}
      color="error"
      title="app.user.revoke_title"
      content="app.user.revoke_content"
      action={async () => {
        await dataProvider.delete('role-assignments', { id: assignment.id, previousData: assignment });
      }}
      done="app.user.revoked"
    />
  );
};

/** The user's roles, current and revoked, and the form to grant another. */
const UserRoles = (_props: ShowChildProps) => {
  const user = useRecordContext<User>();
  const { permissions: me } = usePermissions<CurrentUser>();
  const translate = useTranslate();
  const describe = useDescribeRole();
  if (!user) return null;
  const manage = me != null && canManageRoles(me);
  return (
    <ResourceContextProvider value="role-assignments">
      <Typography variant="h6" component="h2" sx={{ mt: 2 }} gutterBottom>
        {translate('resources.users.fields.roles')}
      </Typography>
      {user.roles.length === 0 ? (
        <Typography variant="body2">{translate('app.user.no_roles')}</Typography>
      ) : (
        <ArrayField source="roles" record={user}>
          <DataTable<RoleAssignment> rowClick={false} bulkActionButtons={false}>
            <DataTable.Col<RoleAssignment> source="role" disableSort render={(assignment) => describe(assignment)} />
            <DataTable.Col source="grantedBy" disableSort />
            <DataTable.Col source="grantedAt" disableSort>
              <DateField source="grantedAt" showTime />
            </DataTable.Col>
            {manage && (
              <DataTable.Col disableSort>
                <RevokeRoleButton />
              </DataTable.Col>
            )}
          </DataTable>
        </ArrayField>
      )}
      {manage && <GrantRoleForm user={user} me={me} />}
    </ResourceContextProvider>
  );
};

/** The raw PSC claims, folded: for support, when rights do not match what the user expects. */
const PscClaimsField = ({ source }: { source: string; label?: string }) => {
  const translate = useTranslate();
  const snapshot = useFieldValue({ source });
  if (snapshot == null) return null;
  return (
    <details>
      <summary>{translate('app.user.psc_snapshot')}</summary>
      <Box component="pre" sx={{ fontSize: 12, overflow: 'auto', maxHeight: 400 }}>
        {JSON.stringify(snapshot, null, 2)}
      </Box>
    </details>
  );
};

const UserShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="fullName" />
      <TextField source="subjectNameId" />
      <DateField source="lastLoginAt" showTime />
      <UserRoles label={false} />
      <PscClaimsField source="pscClaims" />
    </SimpleShowLayout>
  </Show>
);

export default {
  list: UserList,
  show: UserShow,
  icon: PeopleIcon,
  recordRepresentation: (user: User) => user.fullName,
};
