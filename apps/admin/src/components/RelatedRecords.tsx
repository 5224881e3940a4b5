import type { ReactNode } from 'react';
import {
  CreateButton,
  Pagination,
  RecordContextProvider,
  ReferenceManyField,
  useRecordContext,
  useResourceContext,
} from 'react-admin';
import { createParent } from '../authProvider';
import type { ShowChildProps } from '../types';

interface RelatedRecordsProps extends ShowChildProps {
  reference: string;
  /** The field of `reference` that points at the current record, e.g. `locationId`. */
  target: string;
  /** Offer a create button that opens a form with `target` already filled in. */
  creatable?: boolean;
  children: ReactNode;
}

/** The records that point at the current one, e.g. the capacities of a place. */
export const RelatedRecords = ({ reference, target, creatable = false, children }: RelatedRecordsProps) => {
  const record = useRecordContext();
  const resource = useResourceContext();
  // The create button asks the server about the current record when it is the parent the API scopes new
  // records by (a place for its capacities); otherwise (a practitioner for roles) it asks about the resource.
  const scopedByThisRecord = createParent[reference] === resource;
  return (
    <>
      {creatable && record && (
        <RecordContextProvider value={scopedByThisRecord ? record : undefined}>
          <CreateButton
            resource={reference}
            state={{ record: { [target]: record.id } }}
            sx={{ alignSelf: 'flex-start' }}
          />
        </RecordContextProvider>
      )}
      <ReferenceManyField reference={reference} target={target} perPage={25} pagination={<Pagination />}>
        {children}
      </ReferenceManyField>
    </>
  );
};
