import { Injectable } from '@nestjs/common';
import type { ScopeAnchor } from '../access/scope.js';
import { CrudKit } from '../common/crud/crud-kit.js';
import { CrudService } from '../common/crud/crud.service.js';
import { ValidationError } from '../common/errors.js';
import type { ContactInput } from '../common/schemas.js';
import { ContactsService } from '../contacts/contacts.service.js';
import type { Tx } from '../database/transaction.js';
import { GeographyService } from '../geography/geography.service.js';
import { IMPORT_OWNED_FIELDS, type Organization, type OrganizationKind } from './organization.entity.js';
import { type OrganizationInput, organizationSchema } from './organization.schema.js';
import { OrganizationsRepository } from './organizations.repository.js';

export type OrganizationView = Organization & { contacts: ContactInput[] };

/** Which parent each kind hangs under (IG §1 fact 14: EJ ← EG ← OI; an OI only under an EG or another OI). */
const PARENT_KINDS: Record<OrganizationKind, OrganizationKind[]> = { EJ: [], EG: ['EJ'], OI: ['EG', 'OI'] };

@Injectable()
export class OrganizationsService extends CrudService<Organization, OrganizationInput, OrganizationView> {
  constructor(
    private readonly organizations: OrganizationsRepository,
    kit: CrudKit,
    private readonly geography: GeographyService,
    private readonly contacts: ContactsService,
  ) {
    super('organizations', organizationSchema, organizations, kit);
  }

  /** A structure is in the scope of whoever holds it or one of its ancestors; a new one, of its parent's. */
  protected scopeOf(row: Partial<Organization>): ScopeAnchor {
    return row.id ? { organizationId: row.id } : { organizationId: row.parentId ?? null, regionCode: row.regionCode };
  }

  /** Moving a structure needs rights on its new parent too; editing it in place, on itself. */
  protected override scopeAfterUpdate(previous: Organization, row: Partial<Organization>): ScopeAnchor {
    return row.parentId !== previous.parentId ? this.scopeOfNew(row.parentId ?? null) : this.scopeOf(previous);
  }

  scopeOfNew(parentId: string | null): ScopeAnchor {
    return { organizationId: parentId };
  }

  protected async toRow(input: OrganizationInput, previous?: Organization): Promise<Partial<Organization>> {
    if (previous?.finessSource) keepImportedFields(input, previous);
    const { contacts: _contacts, ...fields } = input;
    if (previous && previous.kind !== input.kind) {
      throw new ValidationError({ kind: 'Le type d’une structure (EJ, EG, OI) ne change pas' });
    }
    const parent = input.parentId ? await this.repository.findById(input.parentId) : null;
    const allowed = PARENT_KINDS[input.kind];
    if (allowed.length === 0 && input.parentId) {
      throw new ValidationError({ parentId: 'Une entité juridique n’a pas de structure parente' });
    }
    if (allowed.length > 0 && (!parent || !allowed.includes(parent.kind))) {
      throw new ValidationError({ parentId: `La structure parente doit être : ${allowed.join(' ou ')}` });
    }
    if (previous && parent && (await this.isDescendant(parent.id, previous.id))) {
      throw new ValidationError({
        parentId: 'Une structure ne peut pas être rattachée à l’une de ses sous-structures',
      });
    }
    const place = input.communeCode ? await this.geography.locate(input.communeCode) : null;
    return {
      ...fields,
      departementCode: place?.departementCode ?? parent?.departementCode ?? null,
      regionCode: place?.regionCode ?? parent?.regionCode ?? null,
    };
  }

  private async isDescendant(candidate: string, ancestor: string): Promise<boolean> {
    for (let id: string | null = candidate; id;) {
      if (id === ancestor) return true;
      id = (await this.repository.findById(id))?.parentId ?? null;
    }
    return false;
  }

  protected override writeChildren(tx: Tx, entity: Organization, input: OrganizationInput): Promise<void> {
    return this.contacts.replace(tx, 'organization', entity.id, input.contacts);
  }

  protected override async toViews(rows: Organization[], tx?: Tx): Promise<OrganizationView[]> {
    const contacts = await this.contacts.findByOwners(
      'organization',
      rows.map((r) => r.id),
      tx,
    );
    return rows.map((row) => ({ ...row, contacts: contacts.get(row.id) ?? [] }));
  }

  findMany(ids: string[]): Promise<Organization[]> {
    return this.repository.findByIds(ids);
  }

  /** Structures carrying these FINESS numbers (EJ or EG), e.g. those a person declares working in. */
  findByFiness(finess: string[]): Promise<Organization[]> {
    return this.organizations.findByFiness(finess);
  }

  findStructure(id: string): Promise<Organization[]> {
    return this.organizations.findStructure(id);
  }
}

/** An imported record keeps what its source says (the admin form shows those fields read-only). */
function keepImportedFields(input: OrganizationInput, previous: Organization): void {
  const target = input as Record<string, unknown>;
  for (const field of IMPORT_OWNED_FIELDS) target[field] = previous[field];
  // Ville units created from the RPPS also take their type from it.
  if (previous.rppsStructureId) input.internalType = previous.internalType;
}
