import { useState } from 'react';
import KeyIcon from '@mui/icons-material/Key';
import BlockIcon from '@mui/icons-material/Block';
import AutorenewIcon from '@mui/icons-material/Autorenew';
import {
  AutocompleteArrayInput,
  Create,
  DataTable,
  DateField,
  ReferenceArrayField,
  ReferenceArrayInput,
  SelectArrayInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  useDataProvider,
  useRecordContext,
  useRedirect,
} from 'react-admin';
import { ConfirmButton } from '../components/ConfirmButton';
import { KeyDialog } from '../components/KeyDialog';
import { ListPage } from '../components/ListPage';
import { RegionsField } from '../components/Roles';
import type { RorDataProvider } from '../dataProvider';
import { regionChoices } from '../regions';
import type { ApiClient } from '../types';

/** Access profiles 0–5 of the national ROR (reference/ror-ig.md §1 fact 6). */
const profileChoices = [0, 1, 2, 3, 4, 5].map((id) => ({ id, name: `app.api_client.profile.${id}` }));
const statusChoices = ['active', 'revoked'].map((id) => ({ id, name: `app.api_client.status.${id}` }));

const ApiClientList = () => (
  <ListPage>
    <DataTable<ApiClient> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" />
      <DataTable.Col source="accessProfile">
        <SelectField source="accessProfile" choices={profileChoices} />
      </DataTable.Col>
      <DataTable.Col source="regionCodes" disableSort field={RegionsField} />
      <DataTable.Col source="keyPrefix" disableSort />
      <DataTable.Col source="status">
        <SelectField source="status" choices={statusChoices} />
      </DataTable.Col>
      <DataTable.Col source="lastUsedAt">
        <DateField source="lastUsedAt" showTime />
      </DataTable.Col>
    </DataTable>
  </ListPage>
);

/** A client with the key the API just issued, to show once. */
interface IssuedKey {
  client: ApiClient;
  key: string;
}

const ApiClientCreate = () => {
  const redirect = useRedirect();
  const [issued, setIssued] = useState<IssuedKey>();
  return (
    <>
      {/* Replaces the usual "created, go to the record": the key must be seen before leaving the page. */}
      <Create
        mutationOptions={{ onSuccess: ({ key, ...client }: ApiClient & { key: string }) => setIssued({ client, key }) }}
      >
        <SimpleForm defaultValues={{ accessProfile: 0, regionCodes: [], capacityWriteOrganizationIds: [] }}>
          <TextInput source="name" validate={required()} />
          <SelectInput source="accessProfile" choices={profileChoices} validate={required()} />
          <SelectArrayInput source="regionCodes" choices={regionChoices} helperText="app.api_client.regions_helper" />
          <ReferenceArrayInput source="capacityWriteOrganizationIds" reference="organizations">
            <AutocompleteArrayInput helperText="app.api_client.capacity_helper" />
          </ReferenceArrayInput>
        </SimpleForm>
      </Create>
      {issued && (
        <KeyDialog
          clientName={issued.client.name}
          apiKey={issued.key}
          onClose={() => redirect('show', 'api-clients', issued.client.id)}
        />
      )}
    </>
  );
};

const RotateKeyButton = () => {
  const client = useRecordContext<ApiClient>();
  const dataProvider = useDataProvider<RorDataProvider>();
  const [key, setKey] = useState<string>();
  if (!client || client.status !== 'active') return null;
  return (
    <>
      <ConfirmButton
        label="app.api_client.rotate"
        icon={<AutorenewIcon />}
        title="app.api_client.rotate_title"
        titleOptions={{ name: client.name }}
        content="app.api_client.rotate_content"
        action={async () => setKey(await dataProvider.rotateApiClientKey(client.id))}
      />
      {key && <KeyDialog clientName={client.name} apiKey={key} onClose={() => setKey(undefined)} />}
    </>
  );
};

const RevokeButton = () => {
  const client = useRecordContext<ApiClient>();
  const dataProvider = useDataProvider<RorDataProvider>();
  if (!client || client.status !== 'active') return null;
  return (
    <ConfirmButton
      label="app.api_client.revoke"
      icon={<BlockIcon />}
      color="error"
      title="app.api_client.revoke_title"
      titleOptions={{ name: client.name }}
      content="app.api_client.revoke_content"
      action={() => dataProvider.revokeApiClient(client.id)}
      done="app.api_client.revoked"
    />
  );
};

const ApiClientShow = () => (
  <Show
    actions={
      <TopToolbar>
        <RotateKeyButton />
        <RevokeButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="name" />
      <SelectField source="accessProfile" choices={profileChoices} />
      <RegionsField source="regionCodes" />
      <ReferenceArrayField source="capacityWriteOrganizationIds" reference="organizations" />
      <TextField source="keyPrefix" />
      <SelectField source="status" choices={statusChoices} />
      <DateField source="createdAt" showTime />
      <DateField source="lastUsedAt" showTime />
    </SimpleShowLayout>
  </Show>
);

export default {
  list: ApiClientList,
  create: ApiClientCreate,
  show: ApiClientShow,
  icon: KeyIcon,
  recordRepresentation: (client: ApiClient) => client.name,
};
