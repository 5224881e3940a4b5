import BadgeIcon from '@mui/icons-material/Badge';
import {
  AutocompleteInput,
  Create,
  DataTable,
  ReferenceField,
  ReferenceInput,
  DateField,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { CodingField } from '../components/CodingField';
import { CodingFilter, CodingInput } from '../components/CodingInput';
import { EditPage } from '../components/EditPage';
import { FormSection } from '../components/FormSection';
import { ListPage } from '../components/ListPage';
import type { Coding } from '../types';

interface PractitionerRole {
  id: string;
  profession?: Coding;
  exerciseLastName?: string | null;
  exerciseFirstName?: string | null;
}

const attribute = (field: string) => `practitioner-roles.${field}`;

const filters = [
  <ReferenceInput key="practitionerId" source="practitionerId" reference="practitioners" alwaysOn />,
  <ReferenceInput key="healthcareServiceId" source="healthcareServiceId" reference="healthcare-services" />,
  <ReferenceInput key="organizationId" source="organizationId" reference="organizations" />,
  <CodingFilter key="professionCode" source="professionCode" attribute={attribute('profession')} />,
];

/** Also lists the roles of a practitioner, on their page. */
export const PractitionerRoleTable = () => (
  <DataTable<PractitionerRole> rowClick="show" bulkActionButtons={false}>
    <DataTable.Col source="practitionerId" disableSort>
      <ReferenceField source="practitionerId" reference="practitioners" link="show" />
    </DataTable.Col>
    <DataTable.Col source="profession" disableSort field={CodingField} />
    <DataTable.Col source="specialty" disableSort field={CodingField} />
    <DataTable.Col source="organizationId" disableSort>
      <ReferenceField source="organizationId" reference="organizations" link="show" />
    </DataTable.Col>
    <DataTable.Col source="healthcareServiceId" disableSort>
      <ReferenceField source="healthcareServiceId" reference="healthcare-services" link="show" />
    </DataTable.Col>
  </DataTable>
);

const PractitionerRoleList = () => (
  <ListPage filters={filters}>
    <PractitionerRoleTable />
  </ListPage>
);

const PractitionerRoleForm = () => (
  <SimpleForm>
    <FormSection title="app.section.practice">
      <ReferenceInput source="practitionerId" reference="practitioners">
        <AutocompleteInput validate={required()} />
      </ReferenceInput>
      <CodingInput source="profession" attribute={attribute('profession')} validate={required()} />
      <CodingInput source="expertiseType" attribute={attribute('expertiseType')} />
      <CodingInput source="specialty" attribute={attribute('specialty')} />
      <CodingInput source="exerciseMode" attribute={attribute('exerciseMode')} />
      <CodingInput source="conventionSector" attribute={attribute('conventionSector')} />
    </FormSection>
    <FormSection title="app.section.attachment">
      <ReferenceInput source="organizationId" reference="organizations" />
      <ReferenceInput source="healthcareServiceId" reference="healthcare-services" />
    </FormSection>
    <FormSection title="app.section.exercise_contact">
      <CodingInput source="exerciseTitle" attribute={attribute('exerciseTitle')} />
      <TextInput source="exerciseLastName" />
      <TextInput source="exerciseFirstName" />
      <TextInput source="phone" type="tel" />
    </FormSection>
  </SimpleForm>
);

const PractitionerRoleShow = () => (
  <Show>
    <SimpleShowLayout>
      <ReferenceField source="practitionerId" reference="practitioners" link="show" />
      <CodingField source="profession" />
      <CodingField source="expertiseType" />
      <CodingField source="specialty" />
      <CodingField source="exerciseMode" />
      <CodingField source="conventionSector" />
      <ReferenceField source="organizationId" reference="organizations" link="show" />
      <ReferenceField source="healthcareServiceId" reference="healthcare-services" link="show" />
      <CodingField source="exerciseTitle" />
      <TextField source="exerciseLastName" />
      <TextField source="exerciseFirstName" />
      <TextField source="phone" />
      <DateField source="closedOn" />
    </SimpleShowLayout>
  </Show>
);

export default {
  list: PractitionerRoleList,
  show: PractitionerRoleShow,
  create: () => (
    <Create redirect="show">
      <PractitionerRoleForm />
    </Create>
  ),
  edit: () => (
    <EditPage redirect="show">
      <PractitionerRoleForm />
    </EditPage>
  ),
  icon: BadgeIcon,
  recordRepresentation: (record: PractitionerRole) =>
    [[record.exerciseFirstName, record.exerciseLastName].filter(Boolean).join(' '), record.profession?.display]
      .filter(Boolean)
      .join(' — '),
};
