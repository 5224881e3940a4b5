import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate, type TranslateFunction } from 'react-admin';
import type { AuditEvent } from '../types';
import { codingText } from './CodingField';

export const auditActionChoices = [
  { id: 'create', name: 'app.audit.action.create' },
  { id: 'update', name: 'app.audit.action.update' },
  { id: 'delete', name: 'app.audit.action.delete' },
];

// Bookkeeping that changes on every write: listing it would bury the real changes.
const IGNORED_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'version']);

const isEmpty = (value: unknown) => value == null || value === '' || (Array.isArray(value) && value.length === 0);

const formatValue = (value: unknown, translate: TranslateFunction): string => {
  if (isEmpty(value)) return '—';
  if (typeof value === 'boolean') return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
  if (Array.isArray(value)) return value.map((item) => formatValue(item, translate)).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.code === 'string')
      return codingText({
        system: String(record.system ?? ''),
        code: record.code,
        display: record.display as string | undefined,
      });
    return Object.values(record)
      .filter((item) => !isEmpty(item))
      .map((item) => formatValue(item, translate))
      .join(' · ');
  }
  return String(value);
};

const changedFields = (before: Record<string, unknown>, after: Record<string, unknown>) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) =>
      !IGNORED_FIELDS.has(key) &&
      !(isEmpty(before[key]) && isEmpty(after[key])) &&
      JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );

/** The fields an audit event changed, as "field: before → after" rows with French labels. */
export const AuditDiff = ({ event }: { event: AuditEvent }) => {
  const translate = useTranslate();
  const before = event.before ?? {};
  const after = event.after ?? {};
  const fields = changedFields(before, after);
  if (!fields.length) {
    return <Typography variant="body2">{translate('app.history.no_change')}</Typography>;
  }
  return (
    <Table size="small" aria-label={translate('app.section.changes')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('app.history.field')}</TableCell>
          {event.action !== 'create' && <TableCell>{translate('app.history.before')}</TableCell>}
          {event.action !== 'delete' && <TableCell>{translate('app.history.after')}</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {fields.map((field) => (
          <TableRow key={field}>
            <TableCell component="th" scope="row">
              {translate(`resources.${event.entityType}.fields.${field}`, { _: field })}
            </TableCell>
            {event.action !== 'create' && <TableCell>{formatValue(before[field], translate)}</TableCell>}
            {event.action !== 'delete' && <TableCell>{formatValue(after[field], translate)}</TableCell>}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
