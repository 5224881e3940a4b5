import { Chip, Stack, Typography } from '@mui/material';
import { useFieldValue } from 'react-admin';
import type { Coding } from '../types';

/** The label a person reads: the display, or the code when the table gives none. */
export const codingText = (coding: Coding) => coding.display || coding.code;

interface CodingFieldProps {
  source: string;
  /** Read by the surrounding layout (Labeled, DataTable). */
  label?: string;
}

/** Shows a coding (or an array of codings as chips); the code is in the tooltip. */
export const CodingField = ({ source }: CodingFieldProps) => {
  const value = useFieldValue({ source }) as Coding | Coding[] | null | undefined;
  if (Array.isArray(value)) {
    return (
      <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 0.5 }}>
        {value.map((coding) => (
          <Chip key={`${coding.system}|${coding.code}`} size="small" label={codingText(coding)} title={coding.code} />
        ))}
      </Stack>
    );
  }
  return value ? (
    <Typography component="span" variant="body2" title={value.code}>
      {codingText(value)}
    </Typography>
  ) : null;
};
