import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { requestContext } from '../common/request-context.js';
import { APP_CONFIG, type AppConfig, DATABASE_URL } from '../config.js';
import { FhirError } from './fhir-errors.js';

/** PostgreSQL's query_canceled: a statement timeout or a cancel request. */
const QUERY_CANCELED = '57014';

/**
 * The FHIR API's own connections: read-only statements built by this module, each bounded by
 * FHIR_STATEMENT_TIMEOUT_SECONDS (set on these connections only: admin writes and imports keep no limit), and
 * cancelled in PostgreSQL as soon as the HTTP client that asked for them goes away (the request's signal,
 * fhir-http.ts), so that an abandoned search does not keep a core busy.
 */
@Injectable()
export class FhirDatabase implements OnApplicationShutdown {
  private readonly logger = new Logger('FhirDatabase');
  private readonly pool: pg.Pool;
  /** For cancel requests only, so that they get through when every connection of `pool` is busy. */
  private readonly cancelPool: pg.Pool;
  private readonly names = new Map<string, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'fhirStatementTimeoutMs'>,
    @Inject(DATABASE_URL) databaseUrl: string,
  ) {
    this.pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 10,
      statement_timeout: config.fhirStatementTimeoutMs,
      application_name: 'ror-fhir',
    });
    this.cancelPool = new pg.Pool({ connectionString: databaseUrl, max: 1, application_name: 'ror-fhir-cancel' });
    // An idle connection dropped by the server must not crash the process: the pool replaces it.
    for (const pool of [this.pool, this.cancelPool])
      pool.on('error', (error) => this.logger.warn(`Connexion PostgreSQL perdue : ${error.message}`));
  }

  /** Rows of one statement. */
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.withClient(async (client) => (await client.query(sql, params)).rows as T[]);
  }

  /**
   * Rows of a statement run often with the same text: prepared once per connection and named after its text,
   * so PostgreSQL plans it once (planning the row loaders costs more than running them for a single id).
   * Only for a bounded set of texts: each one stays prepared on every connection of the pool.
   */
  async prepared<T>(sql: string, params: unknown[]): Promise<T[]> {
    let name = this.names.get(sql);
    if (!name) {
      name = `fhir_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
      this.names.set(sql, name);
    }
    const statement = { name, text: sql, values: params };
    return this.withClient(async (client) => (await client.query(statement)).rows as T[]);
  }

  /** Several statements on one connection (a cursor's transaction), under the same timeout and cancellation. */
  async withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const signal = requestContext.current()?.signal;
    if (signal?.aborted) throw clientGone();
    const client = await this.pool.connect();
    let cancelling: Promise<unknown> | undefined;
    const backend = (client as unknown as { processID: number }).processID;
    const cancel = () => {
      cancelling = this.cancelPool
        .query('SELECT pg_cancel_backend($1)', [backend])
        .catch((error: Error) => this.logger.warn(`Annulation impossible : ${error.message}`));
    };
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      if (signal?.aborted) throw clientGone();
      return await work(client);
    } catch (error) {
      if ((error as { code?: unknown }).code !== QUERY_CANCELED) throw error;
      throw signal?.aborted ? clientGone() : this.timedOut();
    } finally {
      signal?.removeEventListener('abort', cancel);
      // The connection goes back to the pool only once a cancel sent for this request has landed, so that it
      // cannot hit the next request's statement.
      await cancelling;
      client.release();
    }
  }

  private timedOut(): FhirError {
    const seconds = this.config.fhirStatementTimeoutMs / 1000;
    return new FhirError(
      503,
      'timeout',
      `Requête interrompue après ${seconds} s : affinez les critères, ou utilisez $export pour de gros volumes`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.pool.end(), this.cancelPool.end()]);
  }
}

/** The client closed the connection: nobody will read the answer (nginx's 499 "client closed request"). */
const clientGone = () => new FhirError(499, 'exception', 'Requête abandonnée par le client');
