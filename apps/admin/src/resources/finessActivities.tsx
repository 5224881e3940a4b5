import { Alert, Typography } from '@mui/material';
import { DataTable, DateField, type RaRecord, useTranslate } from 'react-admin';
import { RelatedRecords } from '../components/RelatedRecords';
import type { ShowChildProps } from '../types';

/** A FINESS authorisation, exercised activity or equipment line (`GET /api/finess-activities`), read-only. */
interface FinessActivity extends RaRecord {
  scope: 'EJ' | 'EG';
  nature: string;
  activityCode: string;
  codes: Record<string, string>;
  labels: Record<string, string> | null;
  status: 1 | 2 | 3;
  finessSource: string;
}

/** A FINESS+ grouping of the structure (`GET /api/finess-groupings`). */
interface StructureGrouping extends RaRecord {
  kind: 'GCC' | 'GCO';
  role: string | null;
}

const Translated = ({ prefix, value }: { prefix: string; value: string | number | null }) => {
  const translate = useTranslate();
  return <>{value === null ? '' : translate(`${prefix}.${value}`, { _: String(value) })}</>;
};

/** Codes as FINESS gives them, with the labels the legacy extracts carry (FINESS+ gives codes only). */
const CodesCol = ({ record }: { record: FinessActivity }) => (
  <>
    {Object.entries(record.codes)
      .map(([name, code]) => (record.labels?.[name] ? `${code} ${record.labels[name]}` : code))
      .join(' · ')}
  </>
);

/**
 * What FINESS says a structure is authorised to do or exercises, with its authorised and installed capacities:
 * written by the FINESS imports only, shown read-only with its source (ror-business.md §2).
 */
export const FinessActivitiesField = (_props: ShowChildProps) => {
  const translate = useTranslate();
  return (
    <>
      <Alert severity="info" sx={{ mb: 1 }}>
        {translate('app.finess_activity.read_only')}
      </Alert>
      <RelatedRecords reference="finess-activities" target="organizationId">
        <DataTable<FinessActivity> rowClick={false} bulkActionButtons={false}>
          <DataTable.Col<FinessActivity>
            source="nature"
            render={(r) => <Translated prefix="app.finess_activity.nature" value={r.nature} />}
          />
          <DataTable.Col source="activityCode" />
          <DataTable.Col<FinessActivity> source="codes" disableSort render={(r) => <CodesCol record={r} />} />
          <DataTable.Col<FinessActivity>
            source="status"
            render={(r) => <Translated prefix="app.finess_activity.status" value={r.status} />}
          />
          <DataTable.NumberCol source="authorisedCapacity" disableSort />
          <DataTable.NumberCol source="installedCapacity" disableSort />
          <DataTable.Col source="startsOn">
            <DateField source="startsOn" />
          </DataTable.Col>
          <DataTable.Col source="closedOn" disableSort>
            <DateField source="closedOn" />
          </DataTable.Col>
          <DataTable.Col source="finessSource" disableSort />
          <DataTable.Col source="updatedAt" disableSort>
            <DateField source="updatedAt" showTime />
          </DataTable.Col>
        </DataTable>
      </RelatedRecords>
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate('app.finess_activity.groupings')}
      </Typography>
      <RelatedRecords reference="finess-groupings" target="organizationId">
        <DataTable<StructureGrouping> rowClick={false} bulkActionButtons={false}>
          <DataTable.Col<StructureGrouping>
            source="kind"
            disableSort
            render={(r) => <Translated prefix="app.finess_grouping.kind" value={r.kind} />}
          />
          <DataTable.Col source="name" disableSort />
          <DataTable.Col source="typeCode" disableSort />
          <DataTable.Col<StructureGrouping>
            source="role"
            disableSort
            render={(r) => <Translated prefix="app.finess_grouping.role" value={r.role} />}
          />
          <DataTable.NumberCol source="memberCount" disableSort />
          <DataTable.Col source="closedOn" disableSort>
            <DateField source="closedOn" />
          </DataTable.Col>
          <DataTable.Col source="finessSource" disableSort />
        </DataTable>
      </RelatedRecords>
    </>
  );
};
