import { Injectable } from '@nestjs/common';
import type { ContactInput } from '../common/schemas.js';
import type { Tx } from '../database/transaction.js';
import { type ContactOwner, ContactsRepository } from './contacts.repository.js';

/** Contacts and telecoms of structures and offers (IG §2.2), written with their owner's transaction. */
@Injectable()
export class ContactsService {
  constructor(private readonly repository: ContactsRepository) {}

  replace(tx: Tx, owner: ContactOwner, ownerId: string, contacts: ContactInput[]): Promise<void> {
    return this.repository.replace(tx, owner, ownerId, contacts);
  }

  findByOwners(owner: ContactOwner, ownerIds: string[], tx?: Tx): Promise<Map<string, ContactInput[]>> {
    return this.repository.findByOwners(owner, ownerIds, tx);
  }
}
