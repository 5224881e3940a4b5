import { Global, Module } from '@nestjs/common';
import { GeographyRepository } from './geography.repository.js';
import { GeographyService } from './geography.service.js';

@Global()
@Module({ providers: [GeographyRepository, GeographyService], exports: [GeographyService] })
export class GeographyModule {}
