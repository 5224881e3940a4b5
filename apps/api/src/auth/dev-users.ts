/**
 * Fixed users of the development login, until Pro Santé Connect replaces it (auth module only).
 * Roles follow DESIGN §2.
 */
export type Role = 'structure-editor' | 'ars-reviewer' | 'national-admin' | 'reader';
export type AuthenticatedUser = { id: string; fullName: string; roles: Role[] };

export const DEV_USERS: AuthenticatedUser[] = [
  { id: 'editeur', fullName: 'Claire Martin (éditrice de structure)', roles: ['structure-editor', 'reader'] },
  { id: 'relecteur', fullName: 'Paul Durand (relecteur ARS)', roles: ['ars-reviewer', 'reader'] },
  { id: 'admin', fullName: 'Nadia Benali (administratrice nationale)', roles: ['national-admin', 'reader'] },
  { id: 'lecteur', fullName: 'Luc Petit (lecteur)', roles: ['reader'] },
];
