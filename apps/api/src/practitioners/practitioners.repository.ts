import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CrudRepository, filters } from '../common/crud/crud.repository.js';
import { Practitioner } from './practitioner.entity.js';

@Injectable()
export class PractitionersRepository extends CrudRepository<Practitioner> {
  constructor(dataSource: DataSource) {
    super(dataSource, Practitioner, {
      alias: 'pr',
      filters: { q: filters.text('last_name', 'first_name', 'rpps_id'), rppsId: filters.equals('rpps_id') },
      sortable: { lastName: 'last_name', firstName: 'first_name', rppsId: 'rpps_id', updatedAt: 'updated_at' },
      defaultSort: { column: 'last_name', order: 'ASC' },
    });
  }
}
