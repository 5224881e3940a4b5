import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { parserStream } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';

/**
 * The entries of a FINESS+ JSON document's arrays whose path matches `path` (e.g. `/^pmej\.\d+$/`), one at a
 * time from a streaming parser, never the whole document in memory; `key` counts the entries from 0.
 */
export function jsonEntries<T>(
  file: string,
  path: RegExp,
  progress: (bytes: number) => void,
): AsyncIterable<{ key: number; value: T }> {
  let bytes = 0;
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  input.on('data', (chunk) => progress((bytes += chunk.length)));
  return pipeline(
    input,
    parserStream(),
    pick.asStream({ filter: path }),
    streamValues.asStream(),
    () => {},
  ) as AsyncIterable<{ key: number; value: T }>;
}
