import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../auth/principal.js';

/**
 * Who is asking and under which request id: read by the audit log, the logs and the write policy without
 * threading it through calls.
 */
export type RequestContext = {
  requestId: string;
  actor?: string;
  ip?: string;
  principal?: Principal;
  /** Aborted when the client closes the connection before its answer is sent (set on FHIR requests). */
  signal?: AbortSignal;
};

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};
