import { Global, Module } from '@nestjs/common';
import { CrudKit } from './crud-kit.js';

@Global()
@Module({ providers: [CrudKit], exports: [CrudKit] })
export class CrudModule {}
