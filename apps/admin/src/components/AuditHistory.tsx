import { DataTable, DateField, Pagination, ReferenceManyField, SelectField, useResourceContext } from 'react-admin';
import type { AuditEvent, ShowChildProps } from '../types';
import { AuditDiff, auditActionChoices } from './AuditDiff';

/**
 * The audit trail of the current record, newest first. Audit events name their entity by resource
 * name, so the current resource is the filter.
 */
export const AuditHistory = (_props: ShowChildProps) => {
  const entityType = useResourceContext();
  return (
    <ReferenceManyField<AuditEvent>
      reference="audit-events"
      target="entityId"
      filter={{ entityType }}
      sort={{ field: 'occurredAt', order: 'DESC' }}
      perPage={10}
      pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
      empty="app.history.empty"
    >
      <DataTable<AuditEvent> bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="occurredAt">
          <DateField source="occurredAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="actor" />
        <DataTable.Col source="action">
          <SelectField source="action" choices={auditActionChoices} />
        </DataTable.Col>
        <DataTable.Col<AuditEvent>
          label="app.section.changes"
          disableSort
          render={(event) => <AuditDiff event={event} />}
        />
      </DataTable>
    </ReferenceManyField>
  );
};
