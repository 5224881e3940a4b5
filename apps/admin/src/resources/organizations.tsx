import BusinessIcon from '@mui/icons-material/Business';
import {
  AutocompleteInput,
  Create,
  DataTable,
  DateField,
  DateInput,
  FormDataConsumer,
  Labeled,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  TabbedShowLayout,
  TextField,
  TextInput,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Alert } from '@mui/material';
import { AddressField, AddressInputs } from '../components/Address';
import { AuditHistory } from '../components/AuditHistory';
import { CodingField } from '../components/CodingField';
import { CodingFilter, CodingInput } from '../components/CodingInput';
import { ContactsField, ContactsInput } from '../components/Contacts';
import { EditPage } from '../components/EditPage';
import { FormSection } from '../components/FormSection';
import { ListPage } from '../components/ListPage';
import { mineFilter } from '../components/MineFilter';
import { OrganizationTree } from '../components/OrganizationTree';
import type { OrganizationKind, ShowChildProps } from '../types';
import { digits } from '../validators';
import { FinessActivitiesField } from './finessActivities';

interface Organization {
  id: string;
  kind: OrganizationKind;
  name: string;
  /** Set on records the FINESS / RPPS imports created: their identity fields are read-only here. */
  finessSource?: string | null;
  finessUpdatedAt?: string | null;
}

/** Where an imported record's read-only fields come from, at the top of its form. */
const ImportedNotice = () => {
  const record = useRecordContext<Organization>();
  const translate = useTranslate();
  if (!record?.finessSource) return null;
  return (
    <Alert severity="info" sx={{ mb: 2 }}>
      {translate('app.organization.imported', {
        source: record.finessSource,
        date: record.finessUpdatedAt ? new Date(record.finessUpdatedAt).toLocaleDateString('fr-FR') : '—',
      })}
    </Alert>
  );
};

const kindChoices = (['EJ', 'EG', 'OI'] as const).map((id) => ({
  id,
  name: `app.organization.kind.${id}`,
}));

// Each level is qualified by its own nomenclature: EJ legal status (J199), EG category (J55), OI type (J203).
const kindCoding: Record<OrganizationKind, string> = {
  EJ: 'legalStatus',
  EG: 'category',
  OI: 'internalType',
};

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  mineFilter,
  <SelectInput key="kind" source="kind" choices={kindChoices} />,
  <TextInput key="finess" source="finess" />,
  <CodingFilter key="categoryCode" source="categoryCode" attribute="organizations.category" />,
  <TextInput key="regionCode" source="regionCode" />,
  <TextInput key="departementCode" source="departementCode" />,
  <ReferenceInput key="parentId" source="parentId" reference="organizations" />,
];

const OrganizationList = () => (
  <ListPage filters={filters}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" />
      <DataTable.Col source="kind">
        <SelectField source="kind" choices={kindChoices} />
      </DataTable.Col>
      <DataTable.Col source="finess" />
      <DataTable.Col source="parentId" disableSort>
        <ReferenceField source="parentId" reference="organizations" link="show" />
      </DataTable.Col>
      <DataTable.Col source="address.city" label="app.address.city" disableSort />
      <DataTable.Col source="departementCode" />
      <DataTable.Col source="updatedAt">
        <DateField source="updatedAt" showTime />
      </DataTable.Col>
    </DataTable>
  </ListPage>
);

const OrganizationForm = ({ isNew }: { isNew: boolean }) => {
  const record = useRecordContext<Organization>();
  // The API keeps these fields as the import wrote them; the form says so instead of pretending.
  const imported = Boolean(record?.finessSource);
  return (
    <SimpleForm defaultValues={isNew ? { kind: 'OI', contacts: [] } : undefined}>
      <ImportedNotice />
      <FormSection title="app.section.identity">
        <SelectInput source="kind" choices={kindChoices} validate={required()} readOnly={!isNew} />
        <ReferenceInput source="parentId" reference="organizations">
          <AutocompleteInput helperText="app.organization.parent_helper" readOnly={imported} />
        </ReferenceInput>
        <TextInput source="name" validate={required()} readOnly={imported} />
        <TextInput source="operationalName" />
        <FormDataConsumer<{ kind?: OrganizationKind }>>
          {({ formData }) =>
            formData.kind && (
              <CodingInput
                key={formData.kind}
                source={kindCoding[formData.kind]}
                attribute={`organizations.${kindCoding[formData.kind]}`}
                readOnly={imported && formData.kind !== 'OI'}
              />
            )
          }
        </FormDataConsumer>
        <TextInput
          source="finess"
          validate={digits(9)}
          helperText="app.organization.finess_helper"
          readOnly={imported}
        />
        <TextInput source="siren" validate={digits(9)} readOnly={imported} />
        <TextInput source="siret" validate={digits(14)} readOnly={imported} />
      </FormSection>
      <FormSection title="app.section.place">
        <AddressInputs readOnly={imported} />
      </FormSection>
      <FormSection title="app.section.closure">
        <DateInput source="openedOn" readOnly={imported} />
        <DateInput source="closedOn" readOnly={imported} />
        <CodingInput source="closingType" attribute="organizations.closingType" readOnly={imported} />
        <DateInput source="reopeningExpectedOn" />
        <TextInput source="comment" multiline />
      </FormSection>
      <FormSection title="app.section.contacts">
        <ContactsInput />
      </FormSection>
    </SimpleForm>
  );
};

/** Whichever of legal status, category or internal type qualifies this record's level. */
const KindCodingField = (_props: ShowChildProps) => {
  const record = useRecordContext<Organization>();
  if (!record) return null;
  const source = kindCoding[record.kind];
  return (
    <Labeled source={source}>
      <CodingField source={source} />
    </Labeled>
  );
};

const OrganizationShow = () => (
  <Show>
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="app.section.identity">
        <SelectField source="kind" choices={kindChoices} />
        <ReferenceField source="parentId" reference="organizations" link="show" />
        <TextField source="name" />
        <TextField source="operationalName" />
        <KindCodingField label={false} />
        <TextField source="finess" />
        <TextField source="siren" />
        <TextField source="siret" />
        <AddressField source="address" />
        <TextField source="communeCode" />
        <TextField source="regionCode" />
        <TextField source="departementCode" />
        <DateField source="openedOn" />
        <DateField source="closedOn" />
        <CodingField source="closingType" />
        <DateField source="reopeningExpectedOn" />
        <TextField source="comment" />
        <DateField source="updatedAt" showTime />
        <TextField source="finessSource" />
        <DateField source="finessUpdatedAt" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.contacts">
        <ContactsField label={false} />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.finess_activities">
        <FinessActivitiesField label={false} />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.tree">
        <OrganizationTree label={false} />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.history">
        <AuditHistory label={false} />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);

export default {
  list: OrganizationList,
  show: OrganizationShow,
  create: () => (
    <Create redirect="show">
      <OrganizationForm isNew />
    </Create>
  ),
  edit: () => (
    <EditPage redirect="show">
      <OrganizationForm isNew={false} />
    </EditPage>
  ),
  icon: BusinessIcon,
  recordRepresentation: (record: Organization) => `${record.name} (${record.kind})`,
};
