import { Injectable } from '@nestjs/common';
import type { AccessPolicy } from './access-policy.js';
import { type BundleEntry, fullUrl, operationOutcome } from './bundle.js';
import { subset } from './elements.js';
import { type ResourceType, SEARCH_RESULT_CAP } from './fhir.constants.js';
import { FhirError } from './fhir-errors.js';
import { FhirRepository } from './fhir.repository.js';
import type { FhirResource } from './mapping/fhir-types.js';
import { toResource } from './mapping/index.js';
import { type Cursor, encodeCursor, parseSearchRequest, type SearchRequest } from './search/search-request.js';

const MAX_INCLUDE_ROUNDS = 4;

/** Searches: criteria → keyset page → includes → searchset Bundle with total and stable links. */
@Injectable()
export class FhirSearchService {
  constructor(private readonly repository: FhirRepository) {}

  async search(
    type: ResourceType,
    pairs: [string, string][],
    options: { strict: boolean; policy: AccessPolicy; base: string },
  ): Promise<FhirResource> {
    const { policy, base } = options;
    const req = parseSearchRequest(type, pairs, options.strict);
    const start0 = req.cursor?.position ?? 0;
    if (req.cursor && !req.cursor.backwards && start0 >= SEARCH_RESULT_CAP) throw capReached();
    // The total is independent of everything else: it runs beside the page, its rows and the includes (an exact
    // total visits every match, often the longest statement), and is awaited last. Settled here so that a
    // failure while the rest runs cannot become an unhandled rejection; awaiting it still throws.
    const counting = this.repository.count(req, policy);
    counting.catch(() => {});
    const bundle = async (rest: Omit<FhirResource, 'resourceType'>): Promise<FhirResource> => ({
      resourceType: 'Bundle',
      type: 'searchset',
      meta: { lastUpdated: new Date().toISOString() },
      total: await counting,
      ...rest,
    });
    const outcome: BundleEntry[] = req.ignored.length
      ? [
          {
            resource: operationOutcome(
              req.ignored.map((d) => ({ severity: 'warning', code: 'not-supported', diagnostics: `Ignoré : ${d}` })),
            ),
            search: { mode: 'outcome' },
          },
        ]
      : [];
    if (req.summaryCount || req.count === 0) {
      return bundle({
        link: [{ relation: 'self', url: this.url(base, req, req.cursor) }],
        ...(outcome.length ? { entry: outcome } : {}),
      });
    }

    let page = await this.repository.page(req, policy);
    const more = page.length > req.count;
    page = page.slice(0, req.count);
    const backwards = req.cursor?.backwards ?? false;
    if (backwards) page.reverse();
    const start = backwards ? Math.max(0, start0 - page.length) : start0;
    if (start + page.length > SEARCH_RESULT_CAP) page = page.slice(0, Math.max(0, SEARCH_RESULT_CAP - start));

    const link = [{ relation: 'self', url: this.url(base, req, req.cursor) }];
    const first = page[0];
    const last = page[page.length - 1];
    const hasNext = backwards ? page.length > 0 : more && start + page.length < SEARCH_RESULT_CAP;
    if (last && hasNext) {
      link.push({
        relation: 'next',
        url: this.url(base, req, { values: [last.sort, last.id], position: start + page.length, backwards: false }),
      });
    }
    if (first && (backwards ? more : start > 0)) {
      link.push({
        relation: 'previous',
        url: this.url(base, req, { values: [first.sort, first.id], position: start, backwards: true }),
      });
    }

    const matchIds = page.map((r) => r.id);
    const distances = new Map(page.map((r) => [r.id, r.sort]));
    // The includes need only the ids of the page: they run beside the loading of the matches' rows.
    const including = this.includes(req, matchIds, policy);
    including.catch(() => {});
    const matches = (await this.repository.rows(type, matchIds, policy)).map((row) => {
      const entry: BundleEntry = {
        resource: subset(toResource(type, row, policy), req.elements, true),
        search: { mode: 'match' },
      };
      if (req.sort.key === '_distance') {
        entry.search!.extension = [
          {
            url: 'http://hl7.org/fhir/StructureDefinition/location-distance',
            valueDistance: {
              value: Math.round(Number(distances.get(row.id)) * 1000) / 1000,
              unit: 'km',
              system: 'http://unitsofmeasure.org',
              code: 'km',
            },
          },
        ];
      }
      return entry;
    });
    const included = await including;
    const entries = [...matches, ...included, ...outcome].map((e) =>
      e.resource && e.resource.resourceType !== 'OperationOutcome' ? { fullUrl: fullUrl(base, e.resource), ...e } : e,
    );
    return bundle({ link, ...(entries.length ? { entry: entries } : {}) });
  }

  /**
   * `_include`/`_revinclude` applied to every resource already in the bundle (matches and included ones),
   * round after round, so `_include=PractitionerRole:practitioner` after a `_revinclude` works as the IG's
   * full-offer query intends, and `Organization:partof` goes up to the EJ. The includes of a round run side by
   * side (one set-based query each), on what the bundle held when the round began.
   */
  private async includes(req: SearchRequest, matchIds: string[], policy: AccessPolicy): Promise<BundleEntry[]> {
    if (req.includes.length === 0 || matchIds.length === 0) return [];
    const present = new Map<ResourceType, Set<string>>([[req.type, new Set(matchIds)]]);
    const done = req.includes.map(() => new Set<string>());
    // The rows of what a round adds (one query per type) load while the next rounds run. Settled at once so
    // that a later round failing cannot leave an unhandled rejection behind.
    const loading: Promise<BundleEntry[]>[] = [];
    const load = (type: ResourceType, ids: string[]) => {
      const entries = this.repository.rows(type, ids, policy).then((rows) =>
        rows.map((row): BundleEntry => ({
          resource: subset(toResource(type, row, policy), req.elements, false),
          search: { mode: 'include' },
        })),
      );
      entries.catch(() => {});
      loading.push(entries);
    };
    for (let round = 0; round < MAX_INCLUDE_ROUNDS; round++) {
      const found = await Promise.all(
        req.includes.map(async (inc, i) => {
          const from = inc.reverse ? inc.target : inc.source;
          const ids = [...(present.get(from) ?? [])].filter((id) => !done[i]!.has(id));
          ids.forEach((id) => done[i]!.add(id));
          return { to: inc.reverse ? inc.source : inc.target, ids: await this.repository.includeIds(inc, ids, true) };
        }),
      );
      const added = new Map<ResourceType, string[]>();
      for (const { to, ids } of found) {
        const have = present.get(to) ?? new Set<string>();
        present.set(to, have);
        for (const id of ids) {
          if (have.has(id)) continue;
          have.add(id);
          added.set(to, [...(added.get(to) ?? []), id]);
        }
      }
      if (added.size === 0) break;
      for (const [type, ids] of added) load(type, ids);
    }
    return (await Promise.all(loading)).flat();
  }

  private url(base: string, req: SearchRequest, cursor: Cursor | null): string {
    const qs = new URLSearchParams(req.query);
    if (cursor) qs.set('_cursor', encodeCursor(cursor));
    const s = qs.toString();
    return `${base}/${req.type}${s ? `?${s}` : ''}`;
  }
}

const capReached = () =>
  new FhirError(
    400,
    'too-costly',
    `Recherche limitée aux ${SEARCH_RESULT_CAP} premiers résultats : affinez les critères ou utilisez $export`,
  );
