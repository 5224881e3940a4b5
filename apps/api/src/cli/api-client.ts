import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ApiClientsService } from '../api-clients/api-clients.service.js';
import { requestContext } from '../common/request-context.js';
import { runWithApp } from './run-with-app.js';

const USAGE = `Usage:
  npm run api-client -- create --name <nom> --profile <0-5> [--regions 84,11] [--capacity-structures <uuid>,<uuid>]
  npm run api-client -- rotate <id>
  npm run api-client -- revoke <id>`;

/**
 * The operator's command for machine clients (DESIGN §2): creates, rotates or revokes one and prints the key,
 * the only time it is shown. Audited as `operator-cli`.
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    profile: { type: 'string' },
    regions: { type: 'string' },
    'capacity-structures': { type: 'string' },
  },
});
const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];
const [command, id] = positionals;
if (!command || !['create', 'rotate', 'revoke'].includes(command) || (command !== 'create' && !id)) {
  console.error(USAGE);
  process.exit(2);
}

await runWithApp(async (app) => {
  const clients = app.get(ApiClientsService);
  const context = {
    requestId: 'operator-cli',
    actor: 'operator-cli',
    principal: { kind: 'system', id: 'operator-cli' } as const,
  };
  try {
    await requestContext.run(context, async () => {
      if (command === 'create') {
        const client = await clients.create(
          {
            name: values.name,
            accessProfile: values.profile === undefined ? undefined : Number(values.profile),
            regionCodes: list(values.regions),
            capacityWriteOrganizationIds: list(values['capacity-structures']),
          },
          'operator-cli',
        );
        console.log(`Client API créé : ${client.name} (${client.id}), profil ${client.accessProfile}`);
        console.log(`Clé (affichée une seule fois) : ${client.key}`);
      } else if (command === 'rotate') {
        const client = await clients.rotate(id!);
        console.log(`Nouvelle clé de ${client.name} (l’ancienne ne fonctionne plus) : ${client.key}`);
      } else {
        const client = await clients.revoke(id!);
        console.log(`Client ${client.name} révoqué.`);
      }
    });
    return 0;
  } catch (error) {
    const details = (error as { errors?: Record<string, string> }).errors;
    console.error(`Refusé : ${(error as Error).message}${details ? ` ${JSON.stringify(details)}` : ''}`);
    return 1;
  }
});
