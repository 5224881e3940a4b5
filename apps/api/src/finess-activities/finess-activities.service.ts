import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { isUuid } from '../common/crud/crud.repository.js';
import type { ListQuery, ListResult } from '../common/list-query.js';
import type { FinessActivity } from './finess-activity.entity.js';
import { FinessActivitiesRepository } from './finess-activities.repository.js';
import { FinessGroupingsRepository, type StructureGrouping } from './finess-groupings.repository.js';

/** FINESS authorisations, equipment lines and groupings, for reading: the imports are their only writer. */
@Injectable()
export class FinessActivitiesService {
  constructor(
    private readonly repository: FinessActivitiesRepository,
    private readonly groupings: FinessGroupingsRepository,
  ) {}

  /** A structure's groupings: few per structure, listed whole. */
  async groupingsOf(query: ListQuery): Promise<ListResult<StructureGrouping>> {
    const organizationId = query.filter.organizationId;
    if (!isUuid(organizationId)) {
      throw new ValidationError({ 'filter.organizationId': 'Indiquez la structure (identifiant)' });
    }
    const rows = await this.groupings.forOrganization(organizationId);
    return { rows: rows.slice(query.offset, query.offset + query.limit), total: rows.length };
  }

  list(query: ListQuery): Promise<ListResult<FinessActivity>> {
    const organizationId = query.filter.organizationId;
    if (organizationId !== undefined && !isUuid(organizationId)) {
      throw new ValidationError({ 'filter.organizationId': 'Identifiant de structure invalide' });
    }
    return this.repository.list(query);
  }

  async get(id: string): Promise<FinessActivity> {
    const row = await this.repository.findById(id);
    if (!row) throw new NotFoundError('finess-activities', id);
    return row;
  }
}
