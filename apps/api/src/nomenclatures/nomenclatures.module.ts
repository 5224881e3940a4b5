import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NomenclatureVersion } from './nomenclature-version.entity.js';
import { NomenclaturesController } from './nomenclatures.controller.js';
import { NomenclaturesRepository } from './nomenclatures.repository.js';
import { NomenclaturesService } from './nomenclatures.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([NomenclatureVersion])],
  controllers: [NomenclaturesController],
  providers: [NomenclaturesRepository, NomenclaturesService],
  exports: [NomenclaturesService],
})
export class NomenclaturesModule {}
