import { Injectable, Logger } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { ApiClientsService } from '../api-clients/api-clients.service.js';
import path from 'node:path';
import { CapacitiesService } from '../capacities/capacities.service.js';
import { requestContext } from '../common/request-context.js';
import { EquipmentService } from '../equipment/equipment.service.js';
import { HealthcareServicesService } from '../healthcare-services/healthcare-services.service.js';
import { ImportsService } from '../imports/imports.service.js';
import { LocationsService } from '../locations/locations.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { PractitionerRolesService } from '../practitioner-roles/practitioner-roles.service.js';
import { PractitionersService } from '../practitioners/practitioners.service.js';
import { UsersService } from '../users/users.service.js';

type Raw = Record<string, unknown> & { key?: string };
type DemoFile = { imports: { kind: 'finess' | 'rpps'; file: string }[] } & Record<
  | 'organizations'
  | 'locations'
  | 'healthcareServices'
  | 'capacities'
  | 'equipment'
  | 'practitioners'
  | 'practitionerRoles'
  | 'users',
  Raw[]
>;

type DemoRole = { role: string; organization?: string; regionCodes?: string[] };

const CODING = /^(TRE_[A-Z0-9]+-[A-Za-z0-9-]+)\|(.+)$/;
/** `TRE_R211-ActiviteOperationnelle|013` → the coding with its TRE code-system URL (IG §5.3 URL rule). */
function expand(value: unknown): unknown {
  if (typeof value === 'string') {
    const m = CODING.exec(value);
    if (!m) return value;
    const table = m[1]!;
    return { system: `https://mos.esante.gouv.fr/NOS/${table}/FHIR/${table.replace('_', '-')}`, code: m[2] };
  }
  if (Array.isArray(value)) return value.map(expand);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
  return value;
}

/** Seeds an empty database with demo data, through the services so that it is validated and audited. */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    private readonly organizations: OrganizationsService,
    private readonly locations: LocationsService,
    private readonly offers: HealthcareServicesService,
    private readonly capacities: CapacitiesService,
    private readonly equipment: EquipmentService,
    private readonly practitioners: PractitionersService,
    private readonly roles: PractitionerRolesService,
    private readonly users: UsersService,
    private readonly apiClients: ApiClientsService,
    private readonly imports: ImportsService,
  ) {}

  /** Seeds an empty database; returns the key of the demo API client then created, or null if not empty. */
  async seedIfEmpty(file: string): Promise<string | null> {
    const { total } = await this.organizations.list({ offset: 0, limit: 1, filter: {}, sort: undefined });
    if (total > 0) return null;
    const demo = expand(JSON.parse(await readFile(file, 'utf8'))) as DemoFile;
    const key = await requestContext.run(
      { requestId: 'demo-seed', actor: 'demo-seed', principal: { kind: 'system', id: 'demo-seed' } },
      () => this.seed(demo, path.dirname(file)),
    );
    this.logger.log(`Demo data loaded from ${file}`);
    return key;
  }

  /**
   * Hand-made EJs first (the samples describe establishments, not all their legal entities), then the real
   * FINESS samples, whose establishments hang under them; hand-made records with a FINESS number the samples
   * brought complete those (alias, contacts) instead of being created; the RPPS sample comes last.
   */
  private async seed(demo: DemoFile, dir: string): Promise<string> {
    const ids = new Map<string, string>();
    const ref = (key: unknown) => ids.get(String(key)) ?? null;
    const create = async (
      service: { create(body: unknown): Promise<{ id: string }> },
      rows: Raw[],
      map: (r: Raw) => Raw,
    ) => {
      for (const row of rows) {
        const created = await service.create(map(row));
        if (row.key) ids.set(row.key, created.id);
      }
    };
    const runImports = async (kind: 'finess' | 'rpps') => {
      for (const source of demo.imports.filter((i) => i.kind === kind)) {
        const run = await this.imports.run(kind, path.join(dir, source.file), path.basename(source.file), {
          startedBy: 'demo-seed',
        });
        if (run.status !== 'succeeded') throw new Error(`Demo import of ${source.file} failed: ${run.message}`);
      }
    };
    const organization = ({ parent, ...o }: Raw) => ({ ...o, parentId: ref(parent) });
    const legalEntities = demo.organizations.filter((o) => o.kind === 'EJ');
    await create(this.organizations, legalEntities, organization);
    await runImports('finess');
    for (const row of demo.organizations.filter((o) => o.kind !== 'EJ')) {
      const imported = row.finess
        ? (await this.organizations.list({ offset: 0, limit: 1, filter: { finess: row.finess }, sort: undefined }))
            .rows[0]
        : undefined;
      const saved = imported
        ? await this.organizations.update(imported.id, { ...organization(row), version: imported.version })
        : await this.organizations.create(organization(row));
      if (row.key) ids.set(row.key, saved.id);
    }
    await create(this.locations, demo.locations, ({ organization, ...l }) => ({
      ...l,
      organizationId: ref(organization),
    }));
    await create(this.offers, demo.healthcareServices, ({ organization, locations, ...s }) => ({
      ...s,
      organizationId: ref(organization),
      locationIds: (locations as string[]).map(ref),
    }));
    const observedAt = new Date().toISOString();
    await create(this.capacities, demo.capacities, ({ location, ...c }) => ({
      ...c,
      observedAt,
      locationId: ref(location),
    }));
    await create(this.equipment, demo.equipment, ({ location, ...e }) => ({ ...e, locationId: ref(location) }));
    await create(this.practitioners, demo.practitioners, (p) => p);
    await create(this.roles, demo.practitionerRoles, ({ practitioner, healthcareService, organization, ...r }) => ({
      ...r,
      practitionerId: ref(practitioner),
      healthcareServiceId: ref(healthcareService),
      organizationId: ref(organization),
    }));
    await runImports('rpps');
    for (const { subjectNameId, givenName, familyName, roles } of demo.users) {
      const user = await this.users.provision({
        subjectNameId: String(subjectNameId),
        givenName: String(givenName),
        familyName: String(familyName),
      });
      for (const { role, organization, regionCodes } of roles as DemoRole[]) {
        await this.users.grant({ userId: user.id, role, organizationId: ref(organization), regionCodes });
      }
    }
    // A client of the FHIR API a new user can try at once (profile 1: every data, capacities included).
    const client = await this.apiClients.create({ name: 'Client de démonstration', accessProfile: 1 }, 'demo-seed');
    return client.key;
  }
}
