import { Card, CardContent, Chip, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Completeness, ShowChildProps } from '../types';

export const CompletenessChip = ({ complete }: { complete: boolean }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={complete ? 'success' : 'warning'}
      label={translate(complete ? 'app.completeness.complete' : 'app.completeness.incomplete')}
    />
  );
};

/** The completeness the API computed for the offer, with the French labels of what is missing. */
export const CompletenessPanel = (_props: ShowChildProps) => {
  const translate = useTranslate();
  const completeness = useRecordContext<{ id: string; completeness?: Completeness }>()?.completeness;
  if (!completeness) return null;
  return (
    <Card variant="outlined" component="section" aria-labelledby="completeness-title" sx={{ minWidth: 260 }}>
      <CardContent>
        <Typography id="completeness-title" variant="h6" component="h2" gutterBottom>
          {translate('app.completeness.title')}
        </Typography>
        <CompletenessChip complete={completeness.complete} />
        {completeness.missing.length > 0 ? (
          <>
            <Typography variant="body2" sx={{ mt: 2 }}>
              {translate('app.completeness.missing')}
            </Typography>
            <List dense>
              {completeness.missing.map((label) => (
                <ListItem key={label} disableGutters>
                  <ListItemText primary={label} />
                </ListItem>
              ))}
            </List>
          </>
        ) : (
          <Typography variant="body2" sx={{ mt: 2 }}>
            {translate('app.completeness.all_set')}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
};
