/**
 * Fixed users of the development login, until Pro Santé Connect replaces it (auth module only).
 * Roles follow DESIGN §2.
 */
export type Role = 'structure-editor' | 'ars-reviewer' | 'national-admin' | 'reader';
/** `role` is the French label shown on the login page; `roles` is what the server checks. */
export type AuthenticatedUser = { id: string; fullName: string; role: string; roles: Role[] };

export const DEV_USERS: AuthenticatedUser[] = [
  { id: 'editeur', fullName: 'Claire Martin', role: 'Éditrice de structure', roles: ['structure-editor', 'reader'] },
  { id: 'relecteur', fullName: 'Paul Durand', role: 'Relecteur ARS', roles: ['ars-reviewer', 'reader'] },
  { id: 'admin', fullName: 'Nadia Benali', role: 'Administratrice nationale', roles: ['national-admin', 'reader'] },
  { id: 'lecteur', fullName: 'Luc Petit', role: 'Lecteur', roles: ['reader'] },
];
