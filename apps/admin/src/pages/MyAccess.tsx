import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Box, Button, Card, CardContent, List, ListItem, ListItemText, Typography } from '@mui/material';
import {
  Form,
  ListBase,
  Loading,
  Pagination,
  ResourceContextProvider,
  SelectInput,
  TextInput,
  Title,
  required,
  useCreate,
  useDataProvider,
  useNotify,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { useDescribeRole } from '../components/Roles';
import type { RorDataProvider } from '../dataProvider';
import { AccessRequestTable } from '../resources/accessRequests';
import type { CurrentUser } from '../types';

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
};

const MyRoles = ({ me }: { me: CurrentUser }) => {
  const translate = useTranslate();
  const describe = useDescribeRole();
  if (!me.isAdmin && me.roles.length === 0 && !me.practitionerId) {
    return <Typography variant="body2">{translate('app.access.no_roles')}</Typography>;
  }
  return (
    <List dense>
      {/* Admins listed in the configuration have no role row. */}
      {me.isAdmin && !me.roles.some((assignment) => assignment.role === 'national-admin') && (
        <ListItem>
          <ListItemText primary={translate('app.access.admin')} />
        </ListItem>
      )}
      {me.practitionerId && (
        <ListItem>
          <ListItemText primary={translate('app.role.practitioner')} secondary={translate('app.role.automatic')} />
        </ListItem>
      )}
      {me.roles.map((assignment) => (
        <ListItem key={assignment.id}>
          <ListItemText primary={describe(assignment)} />
        </ListItem>
      ))}
    </List>
  );
};

/** Where PSC says the user works: what their requests may target. */
const MyAffiliations = ({ me }: { me: CurrentUser }) => {
  const translate = useTranslate();
  return (
    <List dense>
      {me.affiliations.map((affiliation, index) => (
        <ListItem key={index}>
          <ListItemText
            primary={affiliation.name ?? affiliation.finessSite ?? affiliation.finessEj}
            secondary={[
              affiliation.finessSite && `FINESS ${affiliation.finessSite}`,
              !affiliation.organizationId && translate('app.access.not_in_ror'),
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        </ListItem>
      ))}
    </List>
  );
};

const SUGGESTIONS_KEY = ['auth', 'suggestions'];

const RequestForm = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<RorDataProvider>();
  const [create, { isPending }] = useCreate();
  const suggestions = useQuery({ queryKey: SUGGESTIONS_KEY, queryFn: () => dataProvider.getAccessSuggestions() });

  if (suggestions.isPending) return <Loading />;
  if (suggestions.error) return <Alert severity="error">{suggestions.error.message}</Alert>;
  if (suggestions.data.length === 0) {
    return <Typography variant="body2">{translate('app.access.no_suggestions')}</Typography>;
  }

  const submit = (values: { organizationId?: string; message?: string }) =>
    create(
      'access-requests',
      { data: { organizationId: values.organizationId, message: values.message || undefined } },
      {
        onSuccess: () => {
          notify('app.access.sent', { type: 'success' });
          // The structure just requested is no longer a suggestion; the request joins "Mes demandes".
          queryClient.invalidateQueries({ queryKey: SUGGESTIONS_KEY });
          queryClient.invalidateQueries({ queryKey: ['access-requests'] });
        },
        onError: (error) => notify((error as Error).message, { type: 'error' }),
      },
    );

  return (
    <Box sx={{ maxWidth: 600 }}>
      <Typography variant="body2" sx={{ mb: 2 }}>
        {translate('app.access.request_help')}
      </Typography>
      <Form record={{}} onSubmit={submit}>
        <SelectInput
          source="organizationId"
          label="app.access.structure"
          choices={suggestions.data.map(({ organizationId, name, finessSite }) => ({
            id: organizationId,
            name: [name, finessSite && `(FINESS ${finessSite})`].filter(Boolean).join(' '),
          }))}
          translateChoice={false}
          validate={required()}
          fullWidth
        />
        <TextInput source="message" label="app.access.message" multiline fullWidth />
        <Button type="submit" variant="contained" disabled={isPending}>
          {translate('app.access.submit')}
        </Button>
      </Form>
    </Box>
  );
};

/** "Mes accès": what the user may do, what they asked for, and how to ask for more. */
export const MyAccessPage = () => {
  const translate = useTranslate();
  const { permissions: me, isPending } = usePermissions<CurrentUser>();
  if (isPending || !me) return <Loading />;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="app.access.title" />
      <Typography variant="h5" component="h1" gutterBottom>
        {me.fullName}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('app.access.national_id', { id: me.subjectNameId })}
      </Typography>
      <Section title="app.access.my_roles">
        <MyRoles me={me} />
      </Section>
      {me.affiliations.length > 0 && (
        <Section title="app.access.affiliations">
          <MyAffiliations me={me} />
        </Section>
      )}
      <Section title="app.access.my_requests">
        <ResourceContextProvider value="access-requests">
          <ListBase filter={{ only: 'mine' }} perPage={10} disableSyncWithLocation>
            <AccessRequestTable />
            <Pagination rowsPerPageOptions={[10]} />
          </ListBase>
        </ResourceContextProvider>
      </Section>
      <Section title="app.access.request_title">
        <RequestForm />
      </Section>
    </Box>
  );
};
