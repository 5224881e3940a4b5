import { Injectable, type OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError, ValidationError } from '../common/errors.js';
import type { ListQuery, ListResult } from '../common/list-query.js';
import { TransactionRunner } from '../database/transaction.js';
import { attributeValueSets, BINDINGS, MULTIPLE } from './bindings.js';
import type { NomenclatureVersion } from './nomenclature-version.entity.js';
import { type ConceptRow, NomenclaturesRepository } from './nomenclatures.repository.js';

export type Coding = { system: string; code: string; display?: string | null };
export type CodeView = { id: string; system: string; code: string; display: string; deprecated: boolean };

export type TableLoadReport = {
  file: string;
  name: string;
  version: string | null;
  outcome: 'unchanged' | 'loaded' | 'kept-as-older';
  previousVersion?: string | null;
  added: string[];
  changed: string[];
  deprecated: string[];
  removed: string[];
};

type FhirConcept = {
  code: string;
  display?: string;
  property?: { code: string; valueCode?: string; valueDateTime?: string }[];
};
type FhirTable = {
  resourceType: 'ValueSet' | 'CodeSystem';
  url: string;
  name: string;
  title?: string;
  description?: string;
  version?: string;
  date?: string;
  status: string;
  identifier?: { value?: string }[];
  concept?: FhirConcept[];
  compose?: { include: { system: string; concept?: { code: string; display?: string }[] }[] };
};

const key = (system: string, code: string) => `${system}|${code}`;
const normalize = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ');

type CachedCode = CodeView & { search: string };

/**
 * The NOS tables: loading new versions, the code pickers, and the one validation of coded attributes
 * against the value set the IG binds to them. Current versions are cached in memory (about 5,000 codes)
 * and reloaded after each import.
 */
@Injectable()
export class NomenclaturesService implements OnModuleInit {
  private valueSets = new Map<string, { url: string; codes: CachedCode[]; byKey: Map<string, CachedCode> }>();
  private readonly attributes = attributeValueSets();

  constructor(
    private readonly repository: NomenclaturesRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reloadCache();
  }

  async reloadCache(): Promise<void> {
    const rows = await this.repository.currentConcepts();
    const deprecated = new Set<string>();
    const now = Date.now();
    for (const row of rows) {
      if (row.kind !== 'CodeSystem') continue;
      const ended = row.endDate !== null && new Date(row.endDate).getTime() <= now;
      if (row.status !== 'active' || ended) deprecated.add(key(row.system, row.code));
    }
    const valueSets = new Map<string, { url: string; codes: CachedCode[]; byKey: Map<string, CachedCode> }>();
    for (const row of rows) {
      if (row.kind !== 'ValueSet') continue;
      let vs = valueSets.get(row.name);
      if (!vs) valueSets.set(row.name, (vs = { url: row.url, codes: [], byKey: new Map() }));
      const code: CachedCode = {
        id: key(row.system, row.code),
        system: row.system,
        code: row.code,
        display: row.display,
        deprecated: deprecated.has(key(row.system, row.code)),
        search: normalize(`${row.code} ${row.display}`),
      };
      vs.codes.push(code);
      vs.byKey.set(code.id, code);
    }
    this.valueSets = valueSets;
  }

  /** Loads every table file of a folder (or one file); idempotent: an already loaded file changes nothing. */
  async importPath(target: string): Promise<TableLoadReport[]> {
    const files = target.endsWith('.json')
      ? [target]
      : (await readdir(target))
          .filter((f) => f.endsWith('.json') && f !== 'manifest.json')
          .sort()
          .map((f) => path.join(target, f));
    const reports: TableLoadReport[] = [];
    for (const file of files) reports.push(await this.importFile(file));
    await this.reloadCache();
    return reports;
  }

  private async importFile(file: string): Promise<TableLoadReport> {
    const raw = await readFile(file, 'utf8');
    const table = JSON.parse(raw) as FhirTable;
    if ((table.resourceType !== 'ValueSet' && table.resourceType !== 'CodeSystem') || !table.url) {
      throw new ValidationError({ file: `${file} n’est ni un ValueSet ni un CodeSystem FHIR` });
    }
    const base = path.basename(file);
    const name = tableName(table);
    const contentHash = createHash('sha256').update(raw).digest('hex');
    const report: TableLoadReport = {
      file: base,
      name,
      version: table.version ?? null,
      outcome: 'unchanged',
      added: [],
      changed: [],
      deprecated: [],
      removed: [],
    };
    if (await this.repository.findByHash(table.url, contentHash)) return report;

    const concepts = conceptsOf(table);
    return this.transactions.run(async (tx) => {
      const current = await this.repository.findCurrent(tx, table.url);
      const publishedAt = table.date ? new Date(table.date) : null;
      const versionId = await this.repository.insertVersion(tx, {
        kind: table.resourceType,
        name,
        url: table.url,
        oid: table.identifier?.[0]?.value?.replace(/^urn:oid:/, '') ?? null,
        version: table.version ?? null,
        publishedAt,
        status: table.status,
        title: table.title ?? table.description ?? null,
        contentHash,
        isCurrent: false,
        sourceFile: base,
      });
      await this.repository.insertConcepts(tx, versionId, concepts);
      if (current && isNewer(current, publishedAt, table.version) === false) {
        report.outcome = 'kept-as-older';
        return report;
      }
      if (current) {
        Object.assign(report, diff(await this.repository.concepts(tx, current.id), concepts));
        report.previousVersion = current.version;
      }
      await this.repository.makeCurrent(tx, table.url, versionId);
      report.outcome = 'loaded';
      return report;
    });
  }

  listVersions(query: ListQuery): Promise<ListResult<NomenclatureVersion>> {
    return this.repository.list(query);
  }

  listAttributes() {
    return [...this.attributes].map(([id, valueSet]) => ({
      id,
      valueSet,
      valueSetUrl: this.valueSets.get(valueSet)?.url ?? null,
      multiple: MULTIPLE.has(id),
    }));
  }

  /** Codes for a picker: a value set (by name or through an attribute), text search, paginated. */
  searchCodes(query: ListQuery): ListResult<CodeView> {
    const f = query.filter;
    if (Array.isArray(f.id)) {
      const wanted = new Set(f.id.map(String));
      const rows = [...this.valueSets.values()].flatMap((vs) => vs.codes.filter((c) => wanted.has(c.id)));
      const unique = [...new Map(rows.map((c) => [c.id, c])).values()];
      return { rows: unique.map(strip), total: unique.length };
    }
    const valueSetName =
      typeof f.attribute === 'string'
        ? this.attributes.get(f.attribute)
        : typeof f.valueSet === 'string'
          ? f.valueSet
          : undefined;
    if (!valueSetName) {
      throw new ValidationError({
        filter: 'Précisez filter.attribute (attribut codé) ou filter.valueSet (jeu de valeurs)',
      });
    }
    const vs = this.valueSets.get(valueSetName);
    if (!vs) throw new NotFoundError('value-set', valueSetName);
    const q = typeof f.q === 'string' ? normalize(f.q.trim()) : '';
    const matches = vs.codes.filter((c) => !c.deprecated && (q === '' || c.search.includes(q)));
    return { rows: matches.slice(query.offset, query.offset + query.limit).map(strip), total: matches.length };
  }

  /**
   * Refuses, with one message per faulty field, any coding of `input` outside the value set bound to its
   * attribute, or deprecated — unless that deprecated coding was already on the record (`previous`).
   */
  assertValidCodings(resource: string, input: object, previous?: object): void {
    const errors: Record<string, string> = {};
    for (const [attribute, valueSetName] of Object.entries(BINDINGS[resource] ?? {})) {
      const vs = this.valueSets.get(valueSetName);
      const kept = new Set(previous ? collect(previous, attribute).map(([, c]) => key(c.system, c.code)) : []);
      for (const [fieldPath, coding] of collect(input, attribute)) {
        const found = vs?.byKey.get(key(coding.system, coding.code));
        if (!found) {
          errors[fieldPath] =
            `Le code « ${coding.code} » (${coding.system}) n’appartient pas au jeu de valeurs ${valueSetName} lié à l’attribut ${attribute}`;
        } else if (found.deprecated && !kept.has(found.id)) {
          errors[fieldPath] =
            `Le code « ${coding.code} » (${found.display}) est obsolète dans ${valueSetName} : choisissez-en un autre`;
        } else {
          // The stored label is the value set's, whatever the client sent (instances carry the NOS display).
          coding.display = found.display;
        }
      }
    }
    if (Object.keys(errors).length) throw new ValidationError(errors, 'Codes hors du jeu de valeurs de leur attribut');
  }

  /** The deprecated codes of the value sets bound to a resource's attributes. */
  deprecatedCodings(resource: string): Coding[] {
    const names = new Set(Object.values(BINDINGS[resource] ?? {}));
    return [...names].flatMap((name) =>
      (this.valueSets.get(name)?.codes ?? []).filter((c) => c.deprecated).map(({ system, code }) => ({ system, code })),
    );
  }

  /** True when the coding is in the value set and not deprecated. */
  isActive(valueSetName: string, coding: Coding): boolean {
    const found = this.valueSets.get(valueSetName)?.byKey.get(key(coding.system, coding.code));
    return found !== undefined && !found.deprecated;
  }

  /** Display of a code of a value set (null when unknown), for readable labels. */
  display(valueSetName: string, coding: Coding): string | null {
    return this.valueSets.get(valueSetName)?.byKey.get(key(coding.system, coding.code))?.display ?? null;
  }
}

const strip = ({ search: _search, ...code }: CachedCode): CodeView => code;

/** The codings found at a dotted attribute path, with their concrete path (`contacts.0.telecoms.1.channel`). */
function collect(value: unknown, attribute: string): [string, Coding][] {
  const out: [string, Coding][] = [];
  const walk = (node: unknown, parts: string[], at: string) => {
    if (node === null || node === undefined) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, parts, `${at}.${i}`));
      return;
    }
    if (parts.length === 0) {
      const c = node as Coding;
      if (typeof c.system === 'string' && typeof c.code === 'string') out.push([at.replace(/^\./, ''), c]);
      return;
    }
    const [head, ...rest] = parts;
    walk((node as Record<string, unknown>)[head!], rest, `${at}.${head}`);
  };
  walk(value, attribute.split('.'), '');
  return out;
}

function tableName(table: FhirTable): string {
  // SMT names use underscores (JDV_J19_ModePriseEnCharge_ROR); the URL path carries the NOS name (JDV_J19-…).
  const fromUrl = /\/NOS\/([^/]+)\/FHIR\//.exec(table.url)?.[1];
  return fromUrl ?? table.name;
}

function conceptsOf(table: FhirTable): ConceptRow[] {
  if (table.resourceType === 'ValueSet') {
    return (table.compose?.include ?? []).flatMap((inc) =>
      (inc.concept ?? []).map((c) => ({
        system: inc.system,
        code: c.code,
        display: c.display ?? c.code,
        status: 'active',
        endDate: null,
      })),
    );
  }
  return (table.concept ?? []).map((c) => {
    const prop = (name: string) => c.property?.find((p) => p.code === name);
    return {
      system: table.url,
      code: c.code,
      display: c.display ?? c.code,
      status: prop('status')?.valueCode ?? 'active',
      endDate: prop('dateFin')?.valueDateTime ?? null,
    };
  });
}

function isNewer(current: NomenclatureVersion, publishedAt: Date | null, version: string | undefined): boolean {
  if (publishedAt && current.publishedAt) {
    if (publishedAt.getTime() !== current.publishedAt.getTime()) return publishedAt > current.publishedAt;
  }
  return (version ?? '') >= (current.version ?? '');
}

const isRetired = (c: ConceptRow) => c.status !== 'active' || c.endDate !== null;

function diff(before: ConceptRow[], after: ConceptRow[]) {
  const old = new Map(before.map((c) => [key(c.system, c.code), c]));
  const added: string[] = [];
  const changed: string[] = [];
  const deprecated: string[] = [];
  for (const c of after) {
    const k = key(c.system, c.code);
    const prev = old.get(k);
    old.delete(k);
    if (!prev) added.push(c.code);
    else if (isRetired(c) && !isRetired(prev)) deprecated.push(c.code);
    else if (c.display !== prev.display || c.status !== prev.status) changed.push(c.code);
  }
  return { added, changed, deprecated, removed: [...old.values()].map((c) => c.code) };
}
