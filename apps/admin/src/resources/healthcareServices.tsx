import MedicalServicesIcon from '@mui/icons-material/MedicalServices';
import { Typography } from '@mui/material';
import {
  AddItemButton,
  ArrayInput,
  AutocompleteInput,
  BooleanField,
  BooleanInput,
  CheckboxGroupInput,
  Create,
  DataTable,
  DateField,
  DateInput,
  NullableBooleanInput,
  NumberField,
  NumberInput,
  ReferenceArrayField,
  ReferenceArrayInput,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  Show,
  SimpleFormIterator,
  TabbedForm,
  TabbedShowLayout,
  TextArrayField,
  TextArrayInput,
  TextField,
  TextInput,
  minValue,
  required,
  useFieldValue,
  useTranslate,
} from 'react-admin';
import { AuditHistory } from '../components/AuditHistory';
import { CodingField } from '../components/CodingField';
import { CodingArrayInput, CodingFilter, CodingInput } from '../components/CodingInput';
import { CompletenessChip, CompletenessPanel } from '../components/Completeness';
import { ContactsField, ContactsInput } from '../components/Contacts';
import { EditPage } from '../components/EditPage';
import { ListPage } from '../components/ListPage';
import { mineFilter } from '../components/MineFilter';
import type { Completeness } from '../types';
import { notBelow } from '../validators';

interface HealthcareService {
  id: string;
  name: string;
  identifier?: string | null;
  completeness?: Completeness;
}

interface OpeningHours {
  days: string[];
  from: string;
  to: string;
}

const dayChoices = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((id) => ({ id, name: `app.day.${id}` }));

const attribute = (field: string) => `healthcare-services.${field}`;

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  mineFilter,
  <ReferenceInput key="organizationId" source="organizationId" reference="organizations" />,
  <CodingFilter key="activityFieldCode" source="activityFieldCode" attribute={attribute('activityField')} />,
  <CodingFilter key="activityCode" source="activityCode" attribute={attribute('operationalActivities')} />,
  <CodingFilter key="careModeCode" source="careModeCode" attribute={attribute('careMode')} />,
  <ReferenceInput key="locationId" source="locationId" reference="locations" />,
  <TextInput key="regionCode" source="regionCode" />,
  <TextInput key="departementCode" source="departementCode" />,
  <NullableBooleanInput
    key="complete"
    source="complete"
    trueLabel="app.completeness.complete"
    falseLabel="app.completeness.incomplete"
  />,
];

/** Also lists the offers of a place, on its page. */
export const HealthcareServiceTable = () => (
  <DataTable<HealthcareService> rowClick="show" bulkActionButtons={false}>
    <DataTable.Col source="identifier" />
    <DataTable.Col source="name" />
    <DataTable.Col source="organizationId" disableSort>
      <ReferenceField source="organizationId" reference="organizations" link="show" />
    </DataTable.Col>
    <DataTable.Col source="activityField" disableSort field={CodingField} />
    <DataTable.Col source="careMode" disableSort field={CodingField} />
    <DataTable.Col
      source="completeness"
      disableSort
      render={(record) => record.completeness && <CompletenessChip complete={record.completeness.complete} />}
    />
    <DataTable.Col source="updatedAt">
      <DateField source="updatedAt" showTime />
    </DataTable.Col>
  </DataTable>
);

const HealthcareServiceList = () => (
  <ListPage filters={filters}>
    <HealthcareServiceTable />
  </ListPage>
);

// All required fields sit on the first tab, so a new offer can be saved without leaving it.
const HealthcareServiceForm = ({ isNew }: { isNew: boolean }) => (
  <TabbedForm
    defaultValues={
      isNew ? { sensitiveUnit: false, noConsentHabilitation: false, contacts: [], openingHours: [] } : undefined
    }
  >
    <TabbedForm.Tab label="app.section.offer">
      <TextInput source="name" validate={required()} />
      <ReferenceInput source="organizationId" reference="organizations">
        <AutocompleteInput validate={required()} helperText="app.offer.organization_helper" />
      </ReferenceInput>
      <CodingInput source="activityField" attribute={attribute('activityField')} validate={required()} />
      <CodingInput source="offerType" attribute={attribute('offerType')} />
      <CodingArrayInput
        source="operationalActivities"
        attribute={attribute('operationalActivities')}
        validate={required()}
      />
      <CodingInput source="operationalActivityFamily" attribute={attribute('operationalActivityFamily')} />
      <CodingInput source="careMode" attribute={attribute('careMode')} validate={required()} />
      <ReferenceArrayInput source="locationIds" reference="locations" />
      <TextInput source="comment" multiline />
    </TabbedForm.Tab>
    <TabbedForm.Tab label="app.section.reception">
      <CodingArrayInput source="patientTypes" attribute={attribute('patientTypes')} />
      <NumberInput source="ageMin" validate={minValue(0)} helperText="app.offer.age_helper" />
      <NumberInput
        source="ageMax"
        validate={[minValue(0), notBelow('ageMin', 'app.validation.age_range')]}
        helperText="app.offer.age_helper"
      />
      <CodingInput source="receptionType" attribute={attribute('receptionType')} />
      <CodingArrayInput source="receptionModalities" attribute={attribute('receptionModalities')} />
      <CodingArrayInput source="managementTypes" attribute={attribute('managementTypes')} />
      <CodingInput source="annualOpening" attribute={attribute('annualOpening')} />
      <BooleanInput source="sensitiveUnit" helperText="app.offer.sensitive_helper" />
      <BooleanInput source="noConsentHabilitation" />
      <TextArrayInput source="psychiatricSectors" />
    </TabbedForm.Tab>
    <TabbedForm.Tab label="app.section.skills">
      <CodingArrayInput source="specificActs" attribute={attribute('specificActs')} />
      <CodingArrayInput source="outsideOfficeActs" attribute={attribute('outsideOfficeActs')} />
      <CodingArrayInput source="takingCareSpecialities" attribute={attribute('takingCareSpecialities')} />
      <CodingArrayInput source="resourceProfessions" attribute={attribute('resourceProfessions')} />
      <CodingArrayInput source="specificCompetences" attribute={attribute('specificCompetences')} />
      <CodingArrayInput source="expertiseLevels" attribute={attribute('expertiseLevels')} />
      <CodingArrayInput source="equipment" attribute={attribute('equipment')} />
    </TabbedForm.Tab>
    <TabbedForm.Tab label="app.section.hours">
      <ArrayInput source="openingHours">
        <SimpleFormIterator inline disableReordering addButton={<AddItemButton label="app.offer.add_hours" />}>
          <CheckboxGroupInput source="days" label="app.offer.days" choices={dayChoices} validate={required()} />
          <TextInput
            source="from"
            label="app.offer.from"
            type="time"
            validate={required()}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextInput
            source="to"
            label="app.offer.to"
            type="time"
            validate={[required(), notBelow('from', 'app.validation.time_range')]}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </SimpleFormIterator>
      </ArrayInput>
      <TextArrayInput source="interventionCommunes" helperText="app.offer.communes_helper" />
    </TabbedForm.Tab>
    <TabbedForm.Tab label="app.section.contacts">
      <ContactsInput />
    </TabbedForm.Tab>
    <TabbedForm.Tab label="app.section.closure">
      <CodingInput source="closingType" attribute={attribute('closingType')} />
      <DateInput source="closedOn" />
      <DateInput source="reopeningExpectedOn" />
    </TabbedForm.Tab>
    {!isNew && (
      <TabbedForm.Tab label="app.section.history">
        <AuditHistory />
      </TabbedForm.Tab>
    )}
  </TabbedForm>
);

const OpeningHoursField = ({ source }: { source: string }) => {
  const translate = useTranslate();
  const hours = (useFieldValue({ source }) as OpeningHours[] | null | undefined) ?? [];
  return (
    <>
      {hours.map((slot, index) => (
        <Typography key={index} variant="body2">
          {`${slot.days.map((day) => translate(`app.day.${day}`)).join(', ')} : ${slot.from} – ${slot.to}`}
        </Typography>
      ))}
    </>
  );
};

const HealthcareServiceShow = () => (
  <Show>
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="app.section.offer">
        <CompletenessPanel label={false} />
        <TextField source="identifier" />
        <TextField source="name" />
        <ReferenceField source="organizationId" reference="organizations" link="show" />
        <CodingField source="activityField" />
        <CodingField source="offerType" />
        <CodingField source="operationalActivities" />
        <CodingField source="operationalActivityFamily" />
        <CodingField source="careMode" />
        <ReferenceArrayField source="locationIds" reference="locations" />
        <TextField source="comment" />
        <DateField source="updatedAt" showTime />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.reception">
        <CodingField source="patientTypes" />
        <NumberField source="ageMin" />
        <NumberField source="ageMax" />
        <CodingField source="receptionType" />
        <CodingField source="receptionModalities" />
        <CodingField source="managementTypes" />
        <CodingField source="annualOpening" />
        <BooleanField source="sensitiveUnit" />
        <BooleanField source="noConsentHabilitation" />
        <TextArrayField source="psychiatricSectors" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.skills">
        <CodingField source="specificActs" />
        <CodingField source="outsideOfficeActs" />
        <CodingField source="takingCareSpecialities" />
        <CodingField source="resourceProfessions" />
        <CodingField source="specificCompetences" />
        <CodingField source="expertiseLevels" />
        <CodingField source="equipment" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.hours">
        <OpeningHoursField source="openingHours" />
        <TextArrayField source="interventionCommunes" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.contacts">
        <ContactsField label={false} />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.closure">
        <CodingField source="closingType" />
        <DateField source="closedOn" />
        <DateField source="reopeningExpectedOn" />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="app.section.history">
        <AuditHistory label={false} />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);

export default {
  list: HealthcareServiceList,
  show: HealthcareServiceShow,
  create: () => (
    <Create redirect="show">
      <HealthcareServiceForm isNew />
    </Create>
  ),
  edit: () => (
    <EditPage redirect="show" aside={<CompletenessPanel />}>
      <HealthcareServiceForm isNew={false} />
    </EditPage>
  ),
  icon: MedicalServicesIcon,
  recordRepresentation: (record: HealthcareService) =>
    record.identifier ? `${record.name} (${record.identifier})` : record.name,
};
