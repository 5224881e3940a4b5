import type { ReactNode } from 'react';
import { CreateButton, Pagination, ReferenceManyField, useRecordContext } from 'react-admin';
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
  return (
    <>
      {creatable && record && (
        <CreateButton
          resource={reference}
          state={{ record: { [target]: record.id } }}
          sx={{ alignSelf: 'flex-start' }}
        />
      )}
      <ReferenceManyField reference={reference} target={target} perPage={25} pagination={<Pagination />}>
        {children}
      </ReferenceManyField>
    </>
  );
};
