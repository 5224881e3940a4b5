import { Global, Module } from '@nestjs/common';
import { ContactsRepository } from './contacts.repository.js';
import { ContactsService } from './contacts.service.js';

@Global()
@Module({ providers: [ContactsRepository, ContactsService], exports: [ContactsService] })
export class ContactsModule {}
