import { Box, Button, Card, CardActions, CardContent, Typography } from '@mui/material';
import { LinkBase, Title, useGetList, useGetResourceLabel, usePermissions, useTranslate } from 'react-admin';
import { canDecideRequests } from '../authProvider';
import { TO_DECIDE } from '../resources/accessRequests';
import type { CurrentUser } from '../types';

interface CountCardProps {
  resource: string;
  /** Defaults to the resource's plural name. */
  label?: string;
  filter?: Record<string, unknown>;
}

/** How many records a list holds (read from its `Content-Range` total), with a link to that list. */
const CountCard = ({ resource, label, filter = {} }: CountCardProps) => {
  const translate = useTranslate();
  const getResourceLabel = useGetResourceLabel();
  const { total, isPending } = useGetList(resource, {
    pagination: { page: 1, perPage: 1 },
    filter,
  });
  const title = label ? translate(label) : getResourceLabel(resource, 2);
  const search = Object.keys(filter).length ? `?filter=${encodeURIComponent(JSON.stringify(filter))}` : '';
  return (
    <Card variant="outlined" sx={{ minWidth: 220, flex: 1 }}>
      <CardContent>
        <Typography color="text.secondary">{title}</Typography>
        <Typography variant="h4" component="p">
          {isPending ? '…' : (total ?? 0).toLocaleString('fr-FR')}
        </Typography>
      </CardContent>
      <CardActions>
        <Button component={LinkBase} to={`/${resource}${search}`} size="small">
          {translate('app.dashboard.see')}
        </Button>
      </CardActions>
    </Card>
  );
};

export const Dashboard = () => {
  const translate = useTranslate();
  const { permissions: me } = usePermissions<CurrentUser>();
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="app.dashboard.title" />
      <Typography variant="h5" component="h1" gutterBottom>
        {translate('app.dashboard.welcome')}
      </Typography>
      <Typography variant="body1" sx={{ maxWidth: 800, mb: 3 }}>
        {translate('app.dashboard.intro')}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
        <CountCard resource="organizations" />
        <CountCard resource="healthcare-services" />
        <CountCard
          resource="healthcare-services"
          label="app.dashboard.incomplete_offers"
          filter={{ complete: false }}
        />
        <CountCard resource="locations" />
        {me && canDecideRequests(me) && (
          <CountCard resource="access-requests" label="app.dashboard.pending_requests" filter={TO_DECIDE} />
        )}
      </Box>
    </Box>
  );
};
