import { Chip, Stack } from '@mui/material';
import { useFieldValue, useTranslate } from 'react-admin';
import { regionName } from '../regions';
import type { Role, RoleAssignment } from '../types';

const ROLES: Role[] = ['structure-editor', 'structure-referent', 'practitioner', 'ars-reviewer', 'national-admin'];

export const roleChoices = ROLES.map((id) => ({ id, name: `app.role.${id}` }));

const formatDate = (value: string) => new Date(value).toLocaleDateString('fr-FR');

/** "Éditeur de structure — CH DE FLEYRIAT, jusqu'au 31/12/2026": a role with its scope and validity. */
export const useDescribeRole = () => {
  const translate = useTranslate();
  return (assignment: RoleAssignment) => {
    const scope =
      assignment.organizationName ??
      (assignment.role === 'ars-reviewer'
        ? assignment.regionCodes?.length
          ? assignment.regionCodes.map(regionName).join(', ')
          : translate('app.all_regions')
        : null);
    const details = [
      scope,
      assignment.automatic && translate('app.role.automatic'),
      assignment.validUntil && translate('app.role.until', { date: formatDate(assignment.validUntil) }),
      assignment.revokedAt && translate('app.role.revoked', { date: formatDate(assignment.revokedAt) }),
    ].filter(Boolean);
    return [translate(`app.role.${assignment.role}`), details.join(', ')].filter(Boolean).join(' — ');
  };
};

/** The roles of a user, as chips (in lists). */
export const RolesField = ({ source }: { source: string; label?: string }) => {
  const roles = (useFieldValue({ source }) as RoleAssignment[] | undefined) ?? [];
  const describe = useDescribeRole();
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
      {roles
        .filter((assignment) => assignment.active !== false && !assignment.revokedAt)
        .map((assignment) => (
          <Chip key={assignment.id} size="small" label={describe(assignment)} />
        ))}
    </Stack>
  );
};

/** Region codes as names; none means every region. */
export const RegionsField = ({ source }: { source: string; label?: string }) => {
  const translate = useTranslate();
  const codes = (useFieldValue({ source }) as string[] | null | undefined) ?? [];
  return <>{codes.length ? codes.map(regionName).join(', ') : translate('app.all_regions')}</>;
};
