import PersonIcon from '@mui/icons-material/Person';
import {
  Create,
  DataTable,
  DateField,
  EmailField,
  SearchInput,
  Show,
  SimpleForm,
  TabbedShowLayout,
  TextField,
  TextInput,
  email,
  required,
} from 'react-admin';
import { AuditHistory } from '../components/AuditHistory';
import { CodingField } from '../components/CodingField';
import { CodingInput } from '../components/CodingInput';
import { EditPage } from '../components/EditPage';
import { ListPage } from '../components/ListPage';
import { RelatedRecords } from '../components/RelatedRecords';
import { rppsId } from '../validators';
import { PractitionerRoleTable } from './practitionerRoles';

interface Practitioner {
  id: string;
  rppsId: string;
  lastName: string;
  firstName?: string | null;
}

const filters = [<SearchInput key="q" source="q" alwaysOn />, <TextInput key="rppsId" source="rppsId" />];

const PractitionerList = () => (
  <ListPage filters={filters}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="rppsId" />
      <DataTable.Col source="civility" disableSort field={CodingField} />
      <DataTable.Col source="lastName" />
      <DataTable.Col source="firstName" />
      <DataTable.Col source="mssMailbox" disableSort />
    </DataTable>
  </ListPage>
);

const PractitionerForm = () => (
  <SimpleForm>
    <TextInput source="rppsId" validate={[required(), rppsId]} helperText="app.practitioner.rpps_helper" />
    <CodingInput source="civility" attribute="practitioners.civility" />
    <TextInput source="lastName" validate={required()} />
    <TextInput source="firstName" />
    <TextInput source="mssMailbox" type="email" validate={email()} />
  </SimpleForm>
);

const PractitionerShow = () => (
  <Show>
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="app.section.identity">
        <TextField source="rppsId" />
        <CodingField source="civility" />
        <TextField source="lastName" />
        <TextField source="firstName" />
        <EmailField source="mssMailbox" />
        <DateField source="updatedAt" showTime />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.roles">
        <RelatedRecords label={false} reference="practitioner-roles" target="practitionerId" creatable>
          <PractitionerRoleTable />
        </RelatedRecords>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.history">
        <AuditHistory label={false} />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);

export default {
  list: PractitionerList,
  show: PractitionerShow,
  create: () => (
    <Create redirect="show">
      <PractitionerForm />
    </Create>
  ),
  edit: () => (
    <EditPage redirect="show">
      <PractitionerForm />
    </EditPage>
  ),
  icon: PersonIcon,
  recordRepresentation: (record: Practitioner) =>
    `${[record.lastName, record.firstName].filter(Boolean).join(' ')} (${record.rppsId})`,
};
