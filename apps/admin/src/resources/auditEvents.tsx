import HistoryIcon from '@mui/icons-material/History';
import {
  DataTable,
  DateField,
  FunctionField,
  LinkBase,
  SelectField,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  useCreatePath,
  useGetResourceLabel,
} from 'react-admin';
import { AuditDiff, auditActionChoices } from '../components/AuditDiff';
import { ListPage } from '../components/ListPage';
import type { AuditEvent } from '../types';

// The resources whose changes are audited; their names double as `entityType`.
const ENTITY_TYPES = [
  'organizations',
  'healthcare-services',
  'locations',
  'capacities',
  'equipment',
  'practitioners',
  'practitioner-roles',
];

const useEntityTypeChoices = () => {
  const getResourceLabel = useGetResourceLabel();
  return ENTITY_TYPES.map((id) => ({ id, name: getResourceLabel(id, 1) }));
};

/** Link to the audited record (which may since have been deleted: then the page says so). */
const EntityLink = ({ event }: { event: AuditEvent }) => {
  const createPath = useCreatePath();
  return (
    <LinkBase to={createPath({ resource: event.entityType, id: event.entityId, type: 'show' })}>
      {event.entityId}
    </LinkBase>
  );
};

const AuditEventList = () => {
  const entityTypeChoices = useEntityTypeChoices();
  const filters = [
    <SelectInput key="entityType" source="entityType" choices={entityTypeChoices} alwaysOn />,
    <SelectInput key="action" source="action" choices={auditActionChoices} alwaysOn />,
    <TextInput key="actor" source="actor" />,
    <TextInput key="entityId" source="entityId" />,
  ];
  return (
    <ListPage filters={filters}>
      <DataTable<AuditEvent> rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="occurredAt">
          <DateField source="occurredAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="actor" />
        <DataTable.Col source="action">
          <SelectField source="action" choices={auditActionChoices} />
        </DataTable.Col>
        <DataTable.Col source="entityType">
          <SelectField source="entityType" choices={entityTypeChoices} translateChoice={false} />
        </DataTable.Col>
        <DataTable.Col<AuditEvent> source="entityId" disableSort render={(event) => <EntityLink event={event} />} />
        <DataTable.Col source="reason" disableSort />
      </DataTable>
    </ListPage>
  );
};

const AuditEventShow = () => {
  const entityTypeChoices = useEntityTypeChoices();
  return (
    <Show>
      <SimpleShowLayout>
        <DateField source="occurredAt" showTime />
        <TextField source="actor" />
        <SelectField source="action" choices={auditActionChoices} />
        <SelectField source="entityType" choices={entityTypeChoices} translateChoice={false} />
        <FunctionField<AuditEvent> source="entityId" render={(event) => <EntityLink event={event} />} />
        <TextField source="reason" />
        <TextField source="requestId" />
        <FunctionField<AuditEvent> label="app.section.changes" render={(event) => <AuditDiff event={event} />} />
      </SimpleShowLayout>
    </Show>
  );
};

export default {
  list: AuditEventList,
  show: AuditEventShow,
  icon: HistoryIcon,
  recordRepresentation: (event: AuditEvent) => `${event.entityType} ${event.entityId}`,
};
