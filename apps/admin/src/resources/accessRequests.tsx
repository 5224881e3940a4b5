import { useState } from 'react';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { Badge, Stack, TextField } from '@mui/material';
import {
  DataTable,
  DateField,
  ReferenceField,
  SelectField,
  SelectInput,
  useDataProvider,
  useGetList,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ConfirmButton } from '../components/ConfirmButton';
import { ListPage } from '../components/ListPage';
import type { AccessDecision, RorDataProvider } from '../dataProvider';
import type { AccessRequest } from '../types';

/** Pending requests the caller may decide (never their own). */
export const TO_DECIDE = { status: 'pending', only: 'to-decide' };

export const requestStatusChoices = ['pending', 'granted', 'refused'].map((id) => ({
  id,
  name: `app.request.status.${id}`,
}));

const DecisionButton = ({ decision }: { decision: AccessDecision }) => {
  const request = useRecordContext<AccessRequest>();
  const dataProvider = useDataProvider<RorDataProvider>();
  const translate = useTranslate();
  const [comment, setComment] = useState('');
  if (!request) return null;
  return (
    <ConfirmButton
      label={`app.request.${decision}`}
      icon={decision === 'grant' ? <CheckIcon /> : <CloseIcon />}
      color={decision === 'grant' ? 'primary' : 'error'}
      title={`app.request.${decision}_title`}
      titleOptions={{ name: request.userName, organization: request.organizationName }}
      content={
        <TextField
          label={translate('app.request.comment')}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          multiline
          minRows={2}
          fullWidth
          sx={{ mt: 1 }}
        />
      }
      confirm={`app.request.${decision}`}
      action={() => dataProvider.decideAccessRequest(request.id, decision, comment.trim())}
      done={`app.request.${decision === 'grant' ? 'granted' : 'refused'}`}
    />
  );
};

/** Grant or refuse, when the API says the caller may (never on their own request). */
const DecisionButtons = () => {
  const request = useRecordContext<AccessRequest>();
  if (!request || request.status !== 'pending' || !request.canDecide) return null;
  return (
    <Stack direction="row" sx={{ gap: 1 }}>
      <DecisionButton decision="grant" />
      <DecisionButton decision="refuse" />
    </Stack>
  );
};

/** The requests of a list: who asked for which structure, and what became of it. */
export const AccessRequestTable = ({ decisions = false }: { decisions?: boolean }) => (
  <DataTable<AccessRequest> rowClick={false} bulkActionButtons={false}>
    <DataTable.Col source="createdAt">
      <DateField source="createdAt" showTime />
    </DataTable.Col>
    {decisions && <DataTable.Col source="userName" disableSort />}
    {decisions && <DataTable.Col source="subjectNameId" disableSort />}
    <DataTable.Col source="organizationId" disableSort>
      <ReferenceField source="organizationId" reference="organizations" link="show" />
    </DataTable.Col>
    <DataTable.Col source="message" disableSort />
    <DataTable.Col source="status" disableSort>
      <SelectField source="status" choices={requestStatusChoices} />
    </DataTable.Col>
    <DataTable.Col source="decisionComment" disableSort />
    {decisions && (
      <DataTable.Col label={false} disableSort>
        <DecisionButtons />
      </DataTable.Col>
    )}
  </DataTable>
);

const filters = [<SelectInput key="status" source="status" choices={requestStatusChoices} alwaysOn />];

/** "Demandes à traiter": the requests of others the caller may decide. */
const AccessRequestList = () => (
  <ListPage
    filters={filters}
    filter={{ only: TO_DECIDE.only }}
    filterDefaultValues={{ status: TO_DECIDE.status }}
    actions={false}
  >
    <AccessRequestTable decisions />
  </ListPage>
);

/** The menu icon, with the number of requests waiting for a decision. */
export const PendingRequestsIcon = () => {
  const { total } = useGetList('access-requests', { filter: TO_DECIDE, pagination: { page: 1, perPage: 1 } });
  return (
    <Badge badgeContent={total ?? 0} color="error" max={99}>
      <HowToRegIcon />
    </Badge>
  );
};

export default {
  list: AccessRequestList,
  icon: HowToRegIcon,
  recordRepresentation: (request: AccessRequest) => `${request.userName} — ${request.organizationName}`,
};
