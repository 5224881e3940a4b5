import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type DataProvider, type SortPayload } from 'react-admin';
import type { OrganizationTreeNode } from './types';

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
  imports: { field: 'createdAt', order: 'DESC' },
};

const withNaturalOrder = <P extends { sort?: SortPayload }>(resource: string, params: P): P =>
  params.sort?.field === 'id' && naturalOrder[resource] ? { ...params, sort: naturalOrder[resource] } : params;

export interface RorDataProvider extends DataProvider {
  getOrganizationTree: (id: string) => Promise<OrganizationTreeNode>;
}

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
};
