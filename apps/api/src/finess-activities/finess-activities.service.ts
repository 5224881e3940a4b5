import { Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError } from '../common/errors.js';
import { isUuid } from '../common/crud/crud.repository.js';
import type { ListQuery, ListResult } from '../common/list-query.js';
import type { FinessActivity } from './finess-activity.entity.js';
import { FinessActivitiesRepository } from './finess-activities.repository.js';

/** FINESS authorisations and equipment lines, for reading: the imports are their only writer. */
@Injectable()
export class FinessActivitiesService {
  constructor(private readonly repository: FinessActivitiesRepository) {}

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
