import proj4 from 'proj4';

/**
 * Projected CRSs of the FINESS coordinates (formats/finess.md §4), as published by EPSG. The reprojection
 * itself is proj4's; only the definitions are written here.
 */
const DEFINITIONS: Record<string, string> = {
  'EPSG:2154':
    '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:5490': '+proj=utm +zone=20 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:4559': '+proj=utm +zone=20 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:32620': '+proj=utm +zone=20 +datum=WGS84 +units=m +no_defs',
  'EPSG:2972': '+proj=utm +zone=22 +ellps=GRS80 +towgs84=2,2,-2,0,0,0,0 +units=m +no_defs',
  'EPSG:2975': '+proj=utm +zone=40 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:4471': '+proj=utm +zone=38 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:4467': '+proj=utm +zone=21 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  'EPSG:32621': '+proj=utm +zone=21 +datum=WGS84 +units=m +no_defs',
  'EPSG:32701': '+proj=utm +zone=1 +south +datum=WGS84 +units=m +no_defs',
};
for (const [name, definition] of Object.entries(DEFINITIONS)) proj4.defs(name, definition);

/** Old CRS keywords (≤ 2021 files) and the EPSG-less labels of recent files. */
const KEYWORDS: [RegExp, string][] = [
  [/EPSG:(\d{4,5})/, ''],
  [/LAMBERT_93/, 'EPSG:2154'],
  [/UTM_N20/, 'EPSG:5490'],
  [/UTM_N22/, 'EPSG:2972'],
  [/UTM_S40/, 'EPSG:2975'],
  [/UTM_S38/, 'EPSG:4471'],
  [/UTM_N21|UTM zone 21N/i, 'EPSG:32621'],
  [/UTM_S1\b|UTM zone 1S/i, 'EPSG:32701'],
];

/** The CRS a `sourcecoordet` names, or null when it names none we know. */
export function crsOf(source: string): string | null {
  for (const [pattern, crs] of KEYWORDS) {
    const m = pattern.exec(source);
    if (!m) continue;
    const named = crs || `EPSG:${m[1]}`;
    return DEFINITIONS[named] ? named : null;
  }
  return null;
}

/** The CRS used in a territory, from its INSEE département (for FINESS+ records that give no CRS). */
export function crsOfDepartement(departement: string): string {
  const overseas: Record<string, string> = {
    '971': 'EPSG:5490',
    '972': 'EPSG:5490',
    '977': 'EPSG:5490',
    '978': 'EPSG:5490',
    '973': 'EPSG:2972',
    '974': 'EPSG:2975',
    '976': 'EPSG:4471',
    '975': 'EPSG:32621',
    '986': 'EPSG:32701',
  };
  return overseas[departement] ?? 'EPSG:2154';
}

export type LatLon = { latitude: number; longitude: number };

const distance = (a: LatLon, b: LatLon) => Math.hypot(a.latitude - b.latitude, a.longitude - b.longitude);

/** Farther than this (degrees) from the commune's centroid, a position is taken as wrong. */
const MAX_DEGREES_FROM_COMMUNE = 1;

const valid = (p: LatLon) =>
  Number.isFinite(p.latitude) &&
  Number.isFinite(p.longitude) &&
  Math.abs(p.latitude) <= 90 &&
  Math.abs(p.longitude) <= 180;

/**
 * WGS84 position of projected metres. Pairs come swapped in some files (finess.md §4, §8.3): both orders
 * are tried and the one that lands near the commune wins (without a commune centroid, the first valid one).
 * Null when neither fits.
 */
export function toWgs84(x: number, y: number, crs: string, near: LatLon | null): LatLon | null {
  // Easting is the smaller value in every FINESS CRS (only Guyane's ranges overlap): try that order first.
  const [low, high] = x <= y ? [x, y] : [y, x];
  const candidates = [
    [low, high],
    [high, low],
  ].map(([e, n]) => {
    const [longitude, latitude] = converterOf(crs).forward([e!, n!]);
    return { latitude: latitude!, longitude: longitude! };
  });
  return pickNear(candidates.filter(valid), near);
}

/** One converter per CRS: proj4 parses both definitions on every call otherwise (a fifth of a file's parsing). */
const converters = new Map<string, proj4.Converter>();
function converterOf(crs: string): proj4.Converter {
  let converter = converters.get(crs);
  if (!converter) {
    converter = proj4(crs, 'EPSG:4326');
    converters.set(crs, converter);
  }
  return converter;
}

/** Degrees given as two numbers whose order is not trusted: the order that lands near the commune wins. */
export function orderDegrees(a: number, b: number, near: LatLon | null): LatLon | null {
  const candidates = [
    { latitude: a, longitude: b },
    { latitude: b, longitude: a },
  ].filter(valid);
  return pickNear(candidates, near);
}

function pickNear(candidates: LatLon[], near: LatLon | null): LatLon | null {
  if (!near) return candidates[0] ?? null;
  const best = candidates.sort((p, q) => distance(p, near) - distance(q, near))[0];
  return best && distance(best, near) <= MAX_DEGREES_FROM_COMMUNE ? round(best) : null;
}

const round = (p: LatLon): LatLon => ({
  latitude: Math.round(p.latitude * 1e6) / 1e6,
  longitude: Math.round(p.longitude * 1e6) / 1e6,
});
