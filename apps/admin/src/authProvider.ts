/**
 * Sign-in with Pro Santé Connect, done by the API (docs/auth-api.md): the browser only ever holds the API's
 * session cookie. This file maps the API's answers onto react-admin's auth and access-control hooks.
 */
import { type AuthProvider, HttpError } from 'react-admin';
import { API_URL, httpClient } from './dataProvider';
import type { CurrentUser, Role } from './types';

const AUTH_URL = `${API_URL}/auth`;

/** The login page shows `?error=session` when a signed-in user's session ends under them. */
const SESSION_ENDED = '/login?error=session';

/** The API's login route; `returnTo` is where the API sends the browser back once signed in. */
export const loginUrl = (returnTo?: string) =>
  `${AUTH_URL}/login${returnTo ? `?${new URLSearchParams({ returnTo })}` : ''}`;

// checkAuth runs on every navigation: ask the API at most once a minute, not once per page.
const ME_TTL_MS = 60_000;
let currentUser: { user: Promise<CurrentUser>; fetchedAt: number } | undefined;
// Whether this tab has seen a session: a 401 then means it ended, not that nobody signed in yet.
let signedIn = false;

export const fetchCurrentUser = (): Promise<CurrentUser> => {
  if (!currentUser || Date.now() - currentUser.fetchedAt > ME_TTL_MS) {
    const user = httpClient(`${AUTH_URL}/me`).then(({ json }) => {
      signedIn = true;
      return json as CurrentUser;
    });
    user.catch(() => {
      if (currentUser?.user === user) currentUser = undefined;
    });
    currentUser = { user, fetchedAt: Date.now() };
  }
  return currentUser.user;
};

const hasRole = (me: CurrentUser, ...roles: Role[]) => me.roles.some((assignment) => roles.includes(assignment.role));

/** Who may see users and grant roles: admins, and ARS reviewers and referents within their scope. */
export const canManageRoles = (me: CurrentUser) => me.isAdmin || hasRole(me, 'structure-referent', 'ars-reviewer');

/** Who may decide access requests: the same people (never on their own request, the API checks). */
export const canDecideRequests = canManageRoles;

const isRead = (action: string) => action === 'list' || action === 'show';

/**
 * What `me` alone decides, per resource. Data resources are readable by everyone; writing needs some role,
 * and then the server answers for each record.
 */
const resourcePolicies: Partial<Record<string, (me: CurrentUser, action: string) => boolean>> = {
  'api-clients': (me, action) => me.isAdmin && (isRead(action) || action === 'create'),
  imports: (me, action) => me.isAdmin && (isRead(action) || action === 'create'),
  users: (me, action) => canManageRoles(me) && isRead(action),
  'access-requests': (_me, action) => isRead(action) || action === 'create',
  'audit-events': (_me, action) => isRead(action),
};
const dataPolicy = (me: CurrentUser, action: string) =>
  isRead(action) || me.isAdmin || me.roles.length > 0 || me.practitionerId != null;

/**
 * The resource whose record is the `parentId` the API expects when asked whether a record may be created
 * (docs/auth-api.md): a create button shown on that resource's page asks for that record.
 */
export const createParent: Record<string, string> = {
  organizations: 'organizations',
  'healthcare-services': 'organizations',
  locations: 'organizations',
  'practitioner-roles': 'organizations',
  capacities: 'locations',
  equipment: 'locations',
};

// react-admin's action names → the ones `GET /api/auth/can` answers for one record.
const recordActions: Record<string, string> = { edit: 'update', delete: 'delete', create: 'create' };

const canAccessRecord = async (resource: string, action: string, recordId: string, signal?: AbortSignal) => {
  // For `create`, the record in context is the would-be parent: the place whose capacities are listed, etc.
  const query = new URLSearchParams({ resource, action, [action === 'create' ? 'parentId' : 'id']: recordId });
  const { json } = await httpClient(`${AUTH_URL}/can?${query}`, { signal });
  return (json as { allowed: boolean }).allowed === true;
};

export const authProvider: AuthProvider = {
  // Pro Santé Connect's pages take over the tab; the API brings the browser back signed in.
  login: ({ returnTo }: { returnTo?: string } = {}) => {
    window.location.assign(loginUrl(returnTo));
    // Never settles, so react-admin does not redirect while the browser leaves.
    return new Promise<never>(() => undefined);
  },
  logout: async () => {
    currentUser = undefined;
    if (!signedIn) return;
    signedIn = false;
    try {
      // The API ends its session; Pro Santé Connect's end-session page ends the SSO session.
      const { json } = await httpClient(`${AUTH_URL}/logout`, { method: 'POST' });
      return (json as { endSessionUrl?: string }).endSessionUrl;
    } catch {
      // An already-ended session answers 401: the user is logged out either way.
      return undefined;
    }
  },
  checkAuth: async () => {
    const wasSignedIn = signedIn;
    try {
      await fetchCurrentUser();
    } catch {
      signedIn = false;
      throw { redirectTo: wasSignedIn ? SESSION_ENDED : '/login', message: false };
    }
  },
  checkError: async (error: unknown) => {
    if (error instanceof HttpError && error.status === 401) {
      currentUser = undefined;
      throw { redirectTo: SESSION_ENDED, message: false };
    }
    // 403 and the rest: the user stays; the page or the failed action shows the API's message.
  },
  getIdentity: async () => {
    const { id, fullName } = await fetchCurrentUser();
    return { id, fullName };
  },
  getPermissions: () => fetchCurrentUser(),
  canAccess: async ({ action, resource, record, signal }) => {
    const me = await fetchCurrentUser();
    const policy = resourcePolicies[resource];
    if (!(policy ?? dataPolicy)(me, action)) return false;
    const recordAction = recordActions[action];
    if (policy || !recordAction || record?.id == null || me.isAdmin) return true;
    return canAccessRecord(resource, recordAction, String(record.id), signal);
  },
  supportAbortSignal: true,
};
