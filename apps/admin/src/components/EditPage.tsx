import { Edit, type EditProps, useRecordContext, useRequireAccess } from 'react-admin';

/**
 * Sends a user who reached the edit page of a record they may not change (by its URL: the Edit button is
 * hidden) to the "access denied" page, instead of a form whose save the server would refuse.
 */
const RequireRecordAccess = () => {
  const record = useRecordContext();
  useRequireAccess({ action: 'edit', record, enabled: record != null });
  return null;
};

/**
 * Every edit page saves pessimistically: only then does react-admin put the API's validation errors
 * on their fields, and a stale `version` (409) must never look saved before the server answers.
 */
export const EditPage = ({ children, ...props }: EditProps) => (
  <Edit mutationMode="pessimistic" {...props}>
    <RequireRecordAccess />
    {children}
  </Edit>
);
