import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

export type TextEncoding = 'utf-8' | 'windows-1252';

/** A line of a text file, numbered from 1 as an editor shows it. */
export type TextLine = { line: number; text: string };

const CHUNK = 1 << 20;

/** The first bytes of a file, decoded leniently: enough to tell what the file is before reading it. */
export async function readHead(file: string, bytes = 64 * 1024): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return new TextDecoder('utf-8').decode(buffer.subarray(0, bytesRead)).replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
}

/**
 * UTF-8 or Windows-1252 (formats/finess.md §2: the legacy extracts changed encoding over time). One streaming
 * pass: a file whose non-ASCII characters are mostly valid UTF-8 is UTF-8 (its few broken sequences are then
 * rejected line by line); a file with no valid UTF-8 sequence at all is Windows-1252.
 */
export async function detectEncoding(file: string): Promise<TextEncoding> {
  const decoder = new TextDecoder('utf-8');
  let invalid = 0;
  let valid = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    const text = decoder.decode(chunk, { stream: true });
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) continue;
      if (c === 0xfffd) invalid++;
      else valid++;
    }
  }
  return invalid > 0 && valid <= invalid ? 'windows-1252' : 'utf-8';
}

/**
 * The lines of a file, decoded as it streams (memory does not grow with the file). LF or CRLF; a BOM is
 * dropped; a last line without its newline (truncated file) is still given, for the caller to judge.
 * `progress` receives the bytes read so far.
 */
export async function* readLines(
  file: string,
  encoding: TextEncoding,
  progress: (bytes: number) => void = () => {},
): AsyncGenerator<TextLine> {
  const decoder = new TextDecoder(encoding);
  let bytes = 0;
  let carry = '';
  let line = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    progress(bytes);
    const text = carry + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      line++;
      yield { line, text: clean(text.slice(start, end), line) };
      start = end + 1;
    }
    carry = text.slice(start);
  }
  carry += decoder.decode();
  if (carry.length > 0) yield { line: line + 1, text: clean(carry, line + 1) };
}

function clean(text: string, line: number): string {
  const unterminated = text.endsWith('\r') ? text.slice(0, -1) : text;
  return line === 1 ? unterminated.replace(/^\uFEFF/, '') : unterminated;
}

/** True when the decoded line holds bytes that were not valid in its encoding. */
export const hasBrokenEncoding = (text: string) => text.includes('\uFFFD');
