import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

export type TextEncoding = 'utf-8' | 'windows-1252';

/**
 * A line of a text file, numbered from 1 as an editor shows it. `unterminated`: the file ends inside this line
 * (no newline after it), as a truncated download does. `tooLong`: the line passed MAX_LINE characters; `text`
 * holds its beginning only.
 */
export type TextLine = { line: number; text: string; unterminated?: true; tooLong?: true };

const CHUNK = 1 << 20;
/**
 * Longest line kept whole: real lines are under 1,000 characters (FINESS ~500, RPPS ~700). Past it a line is
 * cut, so that a file without newlines (a binary, a one-line export) cannot fill the memory.
 */
export const MAX_LINE = 64 * 1024;

/**
 * The first bytes of a file, enough to tell what the file is before reading it: raw (to spot an archive) and
 * decoded in the encoding they look written in (`encodingOf`).
 */
export async function readHead(
  file: string,
  bytes = 64 * 1024,
): Promise<{ raw: Buffer; text: string; encoding: TextEncoding }> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    const raw = buffer.subarray(0, bytesRead);
    const encoding = encodingOf(new TextDecoder('utf-8').decode(raw));
    return { raw, text: new TextDecoder(encoding).decode(raw).replace(/^\uFEFF/, ''), encoding };
  } finally {
    await handle.close();
  }
}

/**
 * The encoding a text decoded as UTF-8 was written in: UTF-8 when its non-ASCII characters are mostly valid
 * (a few broken sequences are then rejected line by line), Windows-1252 when most of them are broken.
 */
function encodingOf(text: string, counts = { valid: 0, invalid: 0 }): TextEncoding {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c === 0xfffd) counts.invalid++;
    else counts.valid++;
  }
  return counts.invalid > 0 && counts.valid <= counts.invalid ? 'windows-1252' : 'utf-8';
}

/**
 * UTF-8 or Windows-1252 (formats/finess.md §2: the legacy extracts changed encoding over time). One streaming
 * pass: a file whose non-ASCII characters are mostly valid UTF-8 is UTF-8 (its few broken sequences are then
 * rejected line by line); a file with no valid UTF-8 sequence at all is Windows-1252.
 */
export async function detectEncoding(file: string): Promise<TextEncoding> {
  const decoder = new TextDecoder('utf-8');
  const counts = { valid: 0, invalid: 0 };
  let encoding: TextEncoding = 'utf-8';
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    encoding = encodingOf(decoder.decode(chunk, { stream: true }), counts);
  }
  return encoding;
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
  let skipping = false;
  let line = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    progress(bytes);
    const text = carry + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      if (skipping) skipping = false;
      else {
        line++;
        const tooLong = end - start > MAX_LINE;
        yield tooLong
          ? { line, text: clean(text.slice(start, start + MAX_LINE), line), tooLong }
          : { line, text: clean(text.slice(start, end), line) };
      }
      start = end + 1;
    }
    carry = skipping ? '' : text.slice(start);
    if (carry.length > MAX_LINE) {
      // The rest of this line is dropped up to its newline; its beginning is given to be rejected.
      line++;
      yield { line, text: clean(carry.slice(0, MAX_LINE), line), tooLong: true };
      carry = '';
      skipping = true;
    }
  }
  carry += decoder.decode();
  if (carry.length > 0 && !skipping) yield { line: line + 1, text: clean(carry, line + 1), unterminated: true };
}

function clean(text: string, line: number): string {
  const unterminated = text.endsWith('\r') ? text.slice(0, -1) : text;
  return line === 1 ? unterminated.replace(/^\uFEFF/, '') : unterminated;
}

/** True when the decoded line holds bytes that were not valid in its encoding. */
export const hasBrokenEncoding = (text: string) => text.includes('\uFFFD');
