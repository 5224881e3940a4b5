import { createReadStream } from 'node:fs';
import { pipeline, Transform } from 'node:stream';
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
    strictUtf8(),
    parserStream(),
    pick.asStream({ filter: path }),
    streamValues.asStream(),
    () => {},
  ) as AsyncIterable<{ key: number; value: T }>;
}

/**
 * FINESS+ files are UTF-8 (finess.md §8): a byte sequence that is not stops the reading there (the entries
 * before it are kept, the run reports where it stopped) instead of writing replacement characters.
 */
function strictUtf8(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  const decode = (chunk: Buffer | undefined, done: (error: Error | null, text?: string) => void) => {
    try {
      const text = chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
      offset += chunk?.length ?? 0;
      done(null, text);
    } catch {
      done(new Error(`octets invalides en UTF-8 après l’octet ${offset} (le flux FINESS+ est en UTF-8)`));
    }
  };
  return new Transform({
    readableObjectMode: true,
    transform: (chunk: Buffer, _encoding, done) => decode(chunk, done),
    flush: (done) => decode(undefined, done),
  });
}
