import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type DataProvider, type SortPayload } from 'react-admin';
import type { OrganizationSuggestion, OrganizationTreeNode } from './types';

export const API_URL = '/api';

/**
 * The session is an httpOnly cookie set by the API, so every call must send it. Errors keep the JSON
 * body (`HttpError.body`), where react-admin finds `errors` and puts each message on its form field.
 */
export const httpClient = (url: string, options: fetchUtils.Options = {}) =>
  fetchUtils.fetchJson(url, { ...options, credentials: 'include' });

const restProvider = simpleRestProvider(API_URL, httpClient);

/**
 * react-admin sorts by `id` wherever nobody chose an order (reference pickers, related lists, counts), but
 * the API only sorts on a few fields per resource and refuses the others: use each resource's natural order.
 */
export const naturalOrder: Record<string, SortPayload> = {
  organizations: { field: 'name', order: 'ASC' },
  'healthcare-services': { field: 'name', order: 'ASC' },
  locations: { field: 'name', order: 'ASC' },
  capacities: { field: 'observedAt', order: 'DESC' },
  equipment: { field: 'updatedAt', order: 'DESC' },
  practitioners: { field: 'lastName', order: 'ASC' },
  'practitioner-roles': { field: 'updatedAt', order: 'DESC' },
  'audit-events': { field: 'occurredAt', order: 'DESC' },
  'access-requests': { field: 'createdAt', order: 'DESC' },
  users: { field: 'familyName', order: 'ASC' },
  'api-clients': { field: 'name', order: 'ASC' },
  imports: { field: 'createdAt', order: 'DESC' },
};

const withNaturalOrder = <P extends { sort?: SortPayload }>(resource: string, params: P): P =>
  params.sort?.field === 'id' && naturalOrder[resource] ? { ...params, sort: naturalOrder[resource] } : params;

export type AccessDecision = 'grant' | 'refuse';

export interface RorDataProvider extends DataProvider {
  getOrganizationTree: (id: string) => Promise<OrganizationTreeNode>;
  getAccessSuggestions: () => Promise<OrganizationSuggestion[]>;
  decideAccessRequest: (id: string, decision: AccessDecision, comment?: string) => Promise<void>;
  /** Returns the new key, shown once; the old one stops working. */
  rotateApiClientKey: (id: string) => Promise<string>;
  revokeApiClient: (id: string) => Promise<void>;
}

/** The actions that are not CRUD: a POST on a record's sub-path. */
const postAction = async (path: string, body: object = {}) =>
  (await httpClient(`${API_URL}/${path}`, { method: 'POST', body: JSON.stringify(body) })).json as unknown;

export const dataProvider: RorDataProvider = {
  ...restProvider,
  getList: (resource, params) => restProvider.getList(resource, withNaturalOrder(resource, params)),
  getManyReference: (resource, params) => restProvider.getManyReference(resource, withNaturalOrder(resource, params)),
  // A 204 has no body: give react-admin the record it just deleted, which it expects back.
  delete: async (resource, params) => {
    const { data } = await restProvider.delete(resource, params);
    return { data: data ?? params.previousData };
  },
  getOrganizationTree: async (id) => {
    const { json } = await httpClient(`${API_URL}/organizations/${encodeURIComponent(id)}/tree`);
    return json as OrganizationTreeNode;
  },
  getAccessSuggestions: async () => (await httpClient(`${API_URL}/auth/suggestions`)).json as OrganizationSuggestion[],
  decideAccessRequest: async (id, decision, comment) => {
    await postAction(`access-requests/${encodeURIComponent(id)}/decision`, { decision, comment: comment || undefined });
  },
  rotateApiClientKey: async (id) =>
    ((await postAction(`api-clients/${encodeURIComponent(id)}/rotate`)) as { key: string }).key,
  revokeApiClient: async (id) => {
    await postAction(`api-clients/${encodeURIComponent(id)}/revoke`);
  },
};
