import { useRef } from 'react';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  InputAdornment,
  TextField,
  Typography,
} from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';

interface KeyDialogProps {
  clientName: string;
  apiKey: string;
  onClose: () => void;
}

/**
 * An API key, just created or rotated: the only time anyone sees it (the API keeps a hash). The dialog
 * only closes through its button, so a stray click cannot lose the key.
 */
export const KeyDialog = ({ clientName, apiKey, onClose }: KeyDialogProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const field = useRef<HTMLInputElement>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(apiKey);
      notify('app.api_client.copied', { type: 'success' });
    } catch {
      // No clipboard outside secure contexts: leave the key selected for a manual copy.
      field.current?.select();
      notify('app.api_client.copy_failed', { type: 'warning' });
    }
  };

  return (
    <Dialog open maxWidth="sm" fullWidth aria-labelledby="api-key-title">
      <DialogTitle id="api-key-title">{translate('app.api_client.key_title', { name: clientName })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('app.api_client.key_warning')}
        </Alert>
        <TextField
          inputRef={field}
          label={translate('app.api_client.key')}
          value={apiKey}
          fullWidth
          onFocus={(event) => event.target.select()}
          slotProps={{
            input: {
              readOnly: true,
              sx: { fontFamily: 'monospace' },
              endAdornment: (
                <InputAdornment position="end">
                  <Button startIcon={<ContentCopyIcon />} onClick={copy}>
                    {translate('app.api_client.copy')}
                  </Button>
                </InputAdornment>
              ),
            },
          }}
        />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate('app.api_client.key_usage')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onClose}>
          {translate('app.api_client.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
