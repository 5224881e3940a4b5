import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import {
  AddItemButton,
  ArrayField,
  ArrayInput,
  AutocompleteInput,
  Create,
  DataTable,
  DateField,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  Show,
  SimpleForm,
  SimpleFormIterator,
  SimpleShowLayout,
  TextInput,
  minValue,
  required,
} from 'react-admin';
import { CodingField } from '../components/CodingField';
import { CodingFilter, CodingInput } from '../components/CodingInput';
import { EditPage } from '../components/EditPage';
import { ListPage } from '../components/ListPage';
import type { Coding } from '../types';

interface Equipment {
  id: string;
  equipmentType?: Coding;
}

const filters = [
  <ReferenceInput key="locationId" source="locationId" reference="locations" alwaysOn />,
  <CodingFilter key="equipmentTypeCode" source="equipmentTypeCode" attribute="equipment.equipmentType" />,
];

/** Also lists the equipment of a place, on its page. */
export const EquipmentTable = () => (
  <DataTable<Equipment> rowClick="show" bulkActionButtons={false}>
    <DataTable.Col source="equipmentType" disableSort field={CodingField} />
    <DataTable.Col source="locationId" disableSort>
      <ReferenceField source="locationId" reference="locations" link="show" />
    </DataTable.Col>
    <DataTable.NumberCol source="countInService" />
    <DataTable.Col source="updatedAt">
      <DateField source="updatedAt" showTime />
    </DataTable.Col>
  </DataTable>
);

const EquipmentList = () => (
  <ListPage filters={filters}>
    <EquipmentTable />
  </ListPage>
);

const EquipmentForm = () => (
  <SimpleForm>
    <ReferenceInput source="locationId" reference="locations">
      <AutocompleteInput validate={required()} />
    </ReferenceInput>
    <CodingInput source="equipmentType" attribute="equipment.equipmentType" validate={required()} />
    <NumberInput source="countInService" validate={minValue(0)} />
    {/* Item labels are shared under app.equipment: `limits.feature` would clash with the `limits` label. */}
    <ArrayInput source="limits">
      <SimpleFormIterator inline disableReordering addButton={<AddItemButton label="app.equipment.add_limit" />}>
        <CodingInput
          source="feature"
          attribute="equipment.limits.feature"
          label="app.equipment.feature"
          validate={required()}
        />
        <NumberInput source="value" label="app.equipment.value" validate={required()} />
        <TextInput source="unit" label="app.equipment.unit" />
      </SimpleFormIterator>
    </ArrayInput>
  </SimpleForm>
);

const EquipmentShow = () => (
  <Show>
    <SimpleShowLayout>
      <ReferenceField source="locationId" reference="locations" link="show" />
      <CodingField source="equipmentType" />
      <NumberField source="countInService" />
      <ArrayField source="limits">
        <DataTable bulkActionButtons={false} rowClick={false}>
          <DataTable.Col label="app.equipment.feature" source="feature" field={CodingField} />
          <DataTable.NumberCol label="app.equipment.value" source="value" />
          <DataTable.Col label="app.equipment.unit" source="unit" />
        </DataTable>
      </ArrayField>
      <DateField source="updatedAt" showTime />
    </SimpleShowLayout>
  </Show>
);

export default {
  list: EquipmentList,
  show: EquipmentShow,
  create: () => (
    <Create redirect="show">
      <EquipmentForm />
    </Create>
  ),
  edit: () => (
    <EditPage redirect="show">
      <EquipmentForm />
    </EditPage>
  ),
  icon: MonitorHeartIcon,
  recordRepresentation: (record: Equipment) => record.equipmentType?.display ?? record.equipmentType?.code ?? '',
};
