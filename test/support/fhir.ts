import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { AccessProfile, ApiClientPrincipal } from '../../apps/api/src/auth/principal.js';

/**
 * Stands in for the API-client authentication until it lands on main: `X-Test-Client: <profile>[;<regions>]`
 * makes the request an API client with that access profile (and regions, comma-separated).
 */
export function fakeApiClients(app: NestExpressApplication): void {
  app.use((req: Request & { principal?: ApiClientPrincipal }, _res: Response, next: NextFunction) => {
    const header = req.get('x-test-client');
    if (header) {
      const [profile, regions] = header.split(';');
      req.principal = {
        kind: 'api-client',
        id: `test-client-${profile}`,
        name: `Client de test profil ${profile}`,
        accessProfile: Number(profile) as AccessProfile,
        regions: regions ? regions.split(',') : [],
        capacityWriteOrganizationIds: [],
      };
    }
    next();
  });
}
