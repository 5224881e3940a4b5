/**
 * Where a record sits, as the write policy needs it: the organization it hangs under (or its place), the
 * practitioner it belongs to, and its region when the record itself carries one (DESIGN §2: a record's region
 * comes from its commune).
 */
export type ScopeAnchor = {
  organizationId?: string | null;
  locationId?: string | null;
  practitionerId?: string | null;
  regionCode?: string | null;
};

/** The anchor resolved against the database: the organization and all its ancestors, and the region. */
export type ResolvedScope = {
  organizationIds: string[];
  /** The record's own region and its structure's (they differ only for inconsistent data): both must be covered. */
  regionCodes: string[];
  practitionerId: string | null;
};

/** A resource whose writes the policy checks: how to find where one of its records sits. */
export interface ScopedResource {
  readonly resource: string;
  scopeOfRecord(id: string): Promise<ScopeAnchor | null>;
  /** Where a record created under `parentId` would sit (organization, or place for place records). */
  scopeOfNew(parentId: string | null): ScopeAnchor;
}
