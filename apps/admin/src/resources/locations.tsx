import PlaceIcon from '@mui/icons-material/Place';
import {
  AutocompleteInput,
  Create,
  DataTable,
  DateField,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  Show,
  SimpleForm,
  TabbedShowLayout,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { AddressField, AddressInputs } from '../components/Address';
import { AuditHistory } from '../components/AuditHistory';
import { CodingField } from '../components/CodingField';
import { CodingInput } from '../components/CodingInput';
import { EditPage } from '../components/EditPage';
import { ListPage } from '../components/ListPage';
import { mineFilter } from '../components/MineFilter';
import { RelatedRecords } from '../components/RelatedRecords';
import { CapacityTable } from './capacities';
import { EquipmentTable } from './equipment';
import { HealthcareServiceTable } from './healthcareServices';

interface Location {
  id: string;
  name: string;
}

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  mineFilter,
  <ReferenceInput key="organizationId" source="organizationId" reference="organizations" filter={{ kind: 'EG' }} />,
  <ReferenceInput key="healthcareServiceId" source="healthcareServiceId" reference="healthcare-services" />,
  <TextInput key="regionCode" source="regionCode" />,
  <TextInput key="departementCode" source="departementCode" />,
];

const LocationList = () => (
  <ListPage filters={filters}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="identifier" />
      <DataTable.Col source="name" />
      <DataTable.Col source="organizationId" disableSort>
        <ReferenceField source="organizationId" reference="organizations" link="show" />
      </DataTable.Col>
      <DataTable.Col source="status" disableSort field={CodingField} />
      <DataTable.Col source="address.city" label="app.address.city" disableSort />
      <DataTable.Col source="communeCode" disableSort />
      <DataTable.Col source="updatedAt">
        <DateField source="updatedAt" showTime />
      </DataTable.Col>
    </DataTable>
  </ListPage>
);

const LocationForm = () => (
  <SimpleForm>
    <TextInput source="name" validate={required()} />
    {/* A place belongs to the geographic entity (EG) where it is. */}
    <ReferenceInput source="organizationId" reference="organizations" filter={{ kind: 'EG' }}>
      <AutocompleteInput validate={required()} helperText="app.location.organization_helper" />
    </ReferenceInput>
    <CodingInput source="status" attribute="locations.status" validate={required()} />
    <CodingInput source="function" attribute="locations.function" />
    <TextInput source="description" multiline />
    <AddressInputs communeRequired />
    <TextInput source="externalSyncId" />
    <TextInput source="comment" multiline />
  </SimpleForm>
);

const LocationShow = () => (
  <Show>
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="app.section.identity">
        <TextField source="identifier" />
        <TextField source="name" />
        <ReferenceField source="organizationId" reference="organizations" link="show" />
        <CodingField source="status" />
        <CodingField source="function" />
        <TextField source="description" />
        <AddressField source="address" />
        <TextField source="communeCode" />
        <TextField source="regionCode" />
        <TextField source="departementCode" />
        <TextField source="latitude" />
        <TextField source="longitude" />
        <TextField source="externalSyncId" />
        <TextField source="comment" />
        <DateField source="updatedAt" showTime />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.capacities">
        <RelatedRecords label={false} reference="capacities" target="locationId" creatable>
          <CapacityTable />
        </RelatedRecords>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.equipment">
        <RelatedRecords label={false} reference="equipment" target="locationId" creatable>
          <EquipmentTable />
        </RelatedRecords>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.offers">
        <RelatedRecords label={false} reference="healthcare-services" target="locationId">
          <HealthcareServiceTable />
        </RelatedRecords>
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.history">
        <AuditHistory label={false} />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);

export default {
  list: LocationList,
  show: LocationShow,
  create: () => (
    <Create redirect="show">
      <LocationForm />
    </Create>
  ),
  edit: () => (
    <EditPage redirect="show">
      <LocationForm />
    </EditPage>
  ),
  icon: PlaceIcon,
  recordRepresentation: (record: Location) => record.name,
};
