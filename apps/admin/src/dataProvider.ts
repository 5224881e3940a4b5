import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type DataProvider } from 'react-admin';
import type { OrganizationTreeNode } from './types';

export const API_URL = '/api';

/**
 * The session is an httpOnly cookie set by the API, so every call must send it. Errors keep the JSON
 * body (`HttpError.body`), where react-admin finds `errors` and puts each message on its form field.
 */
export const httpClient = (url: string, options: fetchUtils.Options = {}) =>
  fetchUtils.fetchJson(url, { ...options, credentials: 'include' });

const restProvider = simpleRestProvider(API_URL, httpClient);

export interface RorDataProvider extends DataProvider {
  getOrganizationTree: (id: string) => Promise<OrganizationTreeNode>;
}

export const dataProvider: RorDataProvider = {
  ...restProvider,
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
