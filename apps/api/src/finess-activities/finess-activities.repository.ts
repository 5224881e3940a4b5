import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { filters, ReadRepository } from '../common/crud/crud.repository.js';
import { FinessActivity } from './finess-activity.entity.js';

@Injectable()
export class FinessActivitiesRepository extends ReadRepository<FinessActivity> {
  constructor(dataSource: DataSource) {
    super(dataSource, FinessActivity, {
      alias: 'act',
      filters: {
        // An establishment's lines are keyed by its FINESS number (they may be imported before it).
        organizationId: (qb, value, a, p) =>
          qb.andWhere(`${a}.finess = (SELECT o.finess FROM organization o WHERE o.id = CAST(:${p} AS uuid))`, {
            [p]: String(value),
          }),
        finess: filters.equals('finess'),
        nature: filters.equals('nature'),
        status: filters.equals('status'),
      },
      sortable: { activityCode: 'activity_code', nature: 'nature', status: 'status', startsOn: 'starts_on' },
      defaultSort: { column: 'activity_code', order: 'ASC' },
    });
  }
}
