import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ContactInput } from '../common/schemas.js';
import type { Tx } from '../database/transaction.js';

export type ContactOwner = 'organization' | 'healthcare_service';

@Injectable()
export class ContactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Replaces the owner's contacts and telecoms (the form edits them as one list). */
  async replace(tx: Tx, owner: ContactOwner, ownerId: string, contacts: ContactInput[]): Promise<void> {
    await tx.query(`DELETE FROM contact WHERE ${owner}_id = $1`, [ownerId]);
    for (const [position, c] of contacts.entries()) {
      const [{ id }] = await tx.query(
        `INSERT INTO contact (${owner}_id, position, name, function, nature, description, confidentiality)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [ownerId, position, c.name, json(c.function), json(c.nature), c.description, json(c.confidentiality)],
      );
      if (c.telecoms.length === 0) continue;
      await tx.query(
        `INSERT INTO telecom (contact_id, position, channel, value, usage, confidentiality)
         SELECT $1, p, ch, v, u, co FROM unnest($2::int[], $3::jsonb[], $4::text[], $5::text[], $6::jsonb[]) AS t(p, ch, v, u, co)`,
        [
          id,
          c.telecoms.map((_, i) => i),
          c.telecoms.map((t) => json(t.channel)),
          c.telecoms.map((t) => t.value),
          c.telecoms.map((t) => t.usage),
          c.telecoms.map((t) => json(t.confidentiality)),
        ],
      );
    }
  }

  /** Contacts of several owners at once, in their order, keyed by owner id. */
  async findByOwners(owner: ContactOwner, ownerIds: string[], tx?: Tx): Promise<Map<string, ContactInput[]>> {
    const result = new Map<string, ContactInput[]>(ownerIds.map((id) => [id, []]));
    if (ownerIds.length === 0) return result;
    const rows: (ContactInput & { ownerId: string })[] = await (tx ?? this.dataSource.manager).query(
      `SELECT c.${owner}_id AS "ownerId", c.name, c.function, c.nature, c.description, c.confidentiality,
              coalesce((SELECT jsonb_agg(jsonb_build_object('channel', t.channel, 'value', t.value, 'usage', t.usage,
                        'confidentiality', t.confidentiality) ORDER BY t.position) FROM telecom t WHERE t.contact_id = c.id), '[]') AS telecoms
       FROM contact c WHERE c.${owner}_id = ANY($1::uuid[]) ORDER BY c.position`,
      [ownerIds],
    );
    for (const { ownerId, ...contact } of rows) result.get(ownerId)!.push(contact);
    return result;
  }
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
