import { invalidParameter } from '../fhir-errors.js';

/** Query value helpers: FHIR prefixes, dates as ranges, tokens, with a 400 OperationOutcome on bad input. */
export type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';
const PREFIXES = new Set<Prefix>(['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap']);

export function splitPrefix(value: string): { prefix: Prefix; rest: string } {
  const p = value.slice(0, 2) as Prefix;
  if (PREFIXES.has(p) && /^[a-z]{2}[-+0-9.]/.test(value)) return { prefix: p, rest: value.slice(2) };
  return { prefix: 'eq', rest: value };
}

/** Splits a parameter value on unescaped commas (FHIR OR), unescaping `\,` `\|` `\$` `\\`. */
export function splitOr(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && i + 1 < value.length) {
      current += ch + value[++i];
    } else if (ch === ',') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Splits on unescaped `|` then unescapes each part. */
export function splitPipe(value: string): string[] {
  return value.split(/(?<!\\)\|/).map((p) => p.replace(/\\([,|$\\])/g, '$1'));
}

export type Token = { system: string | null; code: string | null };

/** `system|code`, `|code` (no system), `system|` (any code), `code` (any system). */
export function parseToken(name: string, raw: string): Token {
  if (raw === '') throw invalidParameter(name, 'valeur vide');
  const parts = splitPipe(raw);
  if (parts.length === 1) return { system: null, code: parts[0]! };
  if (parts.length !== 2) throw invalidParameter(name, `jeton mal formé « ${raw} » (attendu système|code)`);
  return { system: parts[0] === '' ? '' : parts[0]!, code: parts[1] === '' ? null : parts[1]! };
}

/** A FHIR date/dateTime as the half-open range of instants it denotes. */
export function parseDateRange(name: string, value: string): { low: Date; high: Date } {
  // An unencoded `+01:00` offset reaches us as ` 01:00` (form decoding of `+`).
  const raw = value.replace(/ (\d{2}:\d{2})$/, '+$1');
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.exec(
    raw,
  );
  if (!m) throw invalidParameter(name, `date invalide « ${raw} » (attendu AAAA[-MM[-JJ[Thh:mm[:ss][Z|±hh:mm]]]])`);
  const [, y, mo, d, h, mi, s, frac, tz] = m;
  const month = mo ? Number(mo) : 1;
  const dayOf = d ? Number(d) : 1;
  if (month < 1 || month > 12 || dayOf < 1 || dayOf > 31 || (h && (Number(h) > 23 || Number(mi) > 59)))
    throw invalidParameter(name, `date invalide « ${raw} »`);
  if (h) {
    const iso = `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${frac ?? ''}${tz ?? 'Z'}`;
    const low = new Date(iso);
    if (Number.isNaN(low.getTime())) throw invalidParameter(name, `date invalide « ${raw} »`);
    const step = frac ? 1 : s ? 1000 : 60_000;
    return { low, high: new Date(low.getTime() + step) };
  }
  const low = new Date(Date.UTC(Number(y), month - 1, dayOf));
  const high = d
    ? new Date(Date.UTC(Number(y), month - 1, dayOf + 1))
    : mo
      ? new Date(Date.UTC(Number(y), month, 1))
      : new Date(Date.UTC(Number(y) + 1, 0, 1));
  if (low.getUTCDate() !== dayOf) throw invalidParameter(name, `date invalide « ${raw} »`);
  return { low, high };
}

export function parseNumber(name: string, raw: string): number {
  if (!/^[-+]?\d+(\.\d+)?$/.test(raw)) throw invalidParameter(name, `nombre invalide « ${raw} »`);
  const n = Number(raw);
  if (!Number.isFinite(n) || Math.abs(n) > 1e12) throw invalidParameter(name, `nombre hors limites « ${raw} »`);
  return n;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
