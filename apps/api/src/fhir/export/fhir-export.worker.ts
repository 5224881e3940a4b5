// A worker thread writing one type's NDJSON file of a `$export` (started by FhirExportService).
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import { type NdjsonTask, writeNdjson } from './ndjson-file.js';

parentPort!.postMessage({ count: await writeNdjson(workerData as NdjsonTask) });
