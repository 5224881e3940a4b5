// The INSEE regions file the API loads too (data/geo), bundled as text: one source for codes and names.
import regionsCsv from '../../../data/geo/regions.csv?raw';

/** The administrative regions (each has an ARS), for pickers of region scopes: `{ id: code, name }`. */
export const regionChoices = regionsCsv
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','))
  .filter((columns) => columns[4] === 'true')
  .map(([id, name]) => ({ id, name }));

const regionNames = new Map(regionChoices.map(({ id, name }) => [id, name]));

export const regionName = (code: string) => regionNames.get(code) ?? code;
