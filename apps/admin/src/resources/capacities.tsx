import HotelIcon from '@mui/icons-material/Hotel';
import {
  AutocompleteInput,
  Create,
  DataTable,
  DateField,
  DateTimeInput,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  minValue,
  required,
} from 'react-admin';
import { CodingField } from '../components/CodingField';
import { CodingFilter, CodingInput } from '../components/CodingInput';
import { EditPage } from '../components/EditPage';
import { ListPage } from '../components/ListPage';
import type { Coding } from '../types';
import { parseLocalDateTime } from '../validators';

interface Capacity {
  id: string;
  nature?: Coding;
  status?: Coding;
  count?: number;
}

// What a bed manager enters by hand most of the time: the current figure, no temporary assignment.
const newCapacityDefaults = () => ({
  observedAt: new Date().toISOString(),
  temporality: {
    system: 'https://mos.esante.gouv.fr/NOS/TRE_R331-TemporaliteCapacite/FHIR/TRE-R331-TemporaliteCapacite',
    code: '01',
    display: 'Courant',
  },
  temporaryAssignment: {
    system: 'https://mos.esante.gouv.fr/NOS/TRE_R337-AffectationTemporaire/FHIR/TRE-R337-AffectationTemporaire',
    code: '01',
    display: 'Aucune',
  },
  source: {
    system: 'https://mos.esante.gouv.fr/NOS/TRE_R335-TypeSourceCapacite/FHIR/TRE-R335-TypeSourceCapacite',
    code: '01',
    display: 'Saisie manuelle',
  },
});

const attribute = (field: string) => `capacities.${field}`;

const filters = [
  <ReferenceInput key="locationId" source="locationId" reference="locations" alwaysOn />,
  <CodingFilter key="natureCode" source="natureCode" attribute={attribute('nature')} />,
  <CodingFilter key="statusCode" source="statusCode" attribute={attribute('status')} />,
  <TextInput key="regionCode" source="regionCode" />,
];

/** Also lists the capacities of a place, on its page. */
export const CapacityTable = () => (
  <DataTable<Capacity> rowClick="show" bulkActionButtons={false}>
    <DataTable.Col source="locationId" disableSort>
      <ReferenceField source="locationId" reference="locations" link="show" />
    </DataTable.Col>
    <DataTable.Col source="nature" disableSort field={CodingField} />
    <DataTable.Col source="status" disableSort field={CodingField} />
    <DataTable.Col source="temporality" disableSort field={CodingField} />
    <DataTable.NumberCol source="count" />
    <DataTable.Col source="observedAt">
      <DateField source="observedAt" showTime />
    </DataTable.Col>
  </DataTable>
);

const CapacityList = () => (
  <ListPage filters={filters}>
    <CapacityTable />
  </ListPage>
);

const CapacityForm = ({ isNew }: { isNew: boolean }) => (
  <SimpleForm defaultValues={isNew ? newCapacityDefaults : undefined}>
    <ReferenceInput source="locationId" reference="locations">
      <AutocompleteInput validate={required()} />
    </ReferenceInput>
    <CodingInput source="nature" attribute={attribute('nature')} validate={required()} />
    <CodingInput source="status" attribute={attribute('status')} validate={required()} />
    <NumberInput source="count" validate={[required(), minValue(0)]} />
    <CodingInput source="temporality" attribute={attribute('temporality')} validate={required()} />
    <CodingInput source="temporaryAssignment" attribute={attribute('temporaryAssignment')} validate={required()} />
    <CodingInput source="gender" attribute={attribute('gender')} />
    <CodingInput source="closingType" attribute={attribute('closingType')} />
    <CodingInput source="additionalBedType" attribute={attribute('additionalBedType')} />
    <CodingInput source="crisisType" attribute={attribute('crisisType')} />
    <CodingInput source="source" attribute={attribute('source')} validate={required()} />
    <DateTimeInput
      source="observedAt"
      parse={parseLocalDateTime}
      validate={required()}
      helperText="app.capacity.observed_helper"
    />
    <TextInput source="comment" multiline />
  </SimpleForm>
);

const CapacityShow = () => (
  <Show>
    <SimpleShowLayout>
      <ReferenceField source="locationId" reference="locations" link="show" />
      <CodingField source="nature" />
      <CodingField source="status" />
      <NumberField source="count" />
      <CodingField source="temporality" />
      <CodingField source="temporaryAssignment" />
      <CodingField source="gender" />
      <CodingField source="closingType" />
      <CodingField source="additionalBedType" />
      <CodingField source="crisisType" />
      <CodingField source="source" />
      <DateField source="observedAt" showTime />
      <TextField source="comment" />
      <TextField source="regionCode" />
      <DateField source="updatedAt" showTime />
    </SimpleShowLayout>
  </Show>
);

export default {
  list: CapacityList,
  show: CapacityShow,
  create: () => (
    <Create redirect="show">
      <CapacityForm isNew />
    </Create>
  ),
  edit: () => (
    <EditPage redirect="show">
      <CapacityForm isNew={false} />
    </EditPage>
  ),
  icon: HotelIcon,
  recordRepresentation: (record: Capacity) =>
    [record.nature?.display, record.status?.display, record.count].filter((part) => part != null).join(' · '),
};
