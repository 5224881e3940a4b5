import { Stack, Typography } from '@mui/material';
import { NumberInput, TextInput, required, useFieldValue } from 'react-admin';
import { communeCode } from '../validators';

interface Address {
  line?: string | null;
  postalCode?: string | null;
  city?: string | null;
}

/** Postal address, INSEE commune (from which the API derives region and département) and WGS84 position. */
export const AddressInputs = ({
  communeRequired = false,
  readOnly = false,
}: {
  communeRequired?: boolean;
  /** Imported records: the address belongs to FINESS / the RPPS. */
  readOnly?: boolean;
}) => (
  <>
    <TextInput source="address.line" label="app.address.line" readOnly={readOnly} />
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ width: '100%' }}>
      <TextInput
        source="address.postalCode"
        label="app.address.postalCode"
        sx={{ maxWidth: 200 }}
        readOnly={readOnly}
      />
      <TextInput source="address.city" label="app.address.city" readOnly={readOnly} />
    </Stack>
    <TextInput
      source="communeCode"
      validate={communeRequired ? [required(), communeCode] : communeCode}
      helperText="app.address.commune_helper"
      readOnly={readOnly}
    />
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ width: '100%' }}>
      <NumberInput source="latitude" min={-90} max={90} step={0.000001} readOnly={readOnly} />
      <NumberInput source="longitude" min={-180} max={180} step={0.000001} readOnly={readOnly} />
    </Stack>
  </>
);

export const AddressField = ({ source = 'address' }: { source?: string; label?: string }) => {
  const address = useFieldValue({ source }) as Address | null | undefined;
  if (!address) return null;
  const town = [address.postalCode, address.city].filter(Boolean).join(' ');
  return (
    <Typography component="span" variant="body2">
      {[address.line, town].filter(Boolean).join(', ')}
    </Typography>
  );
};
