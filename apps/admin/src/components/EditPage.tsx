import { Edit, type EditProps } from 'react-admin';

/**
 * Every edit page saves pessimistically: only then does react-admin put the API's validation errors
 * on their fields, and a stale `version` (409) must never look saved before the server answers.
 */
export const EditPage = (props: EditProps) => <Edit mutationMode="pessimistic" {...props} />;
