import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { runningEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres.js';
import { adminUrl } from './support/database.js';
import { importFixture, importSession } from './support/imports.js';
import { snapshot, type TestApp } from './support/test-app.js';

/**
 * Issue 4 acceptance: the shapes a real FINESS or RPPS file may take that the shared samples do not (encodings,
 * line ends, truncation, archives, layouts). Every variant is derived here from the real samples of
 * test/fixtures/imports (how is said beside each), so that the test shows what changed.
 */
const LEGACY = importFixture('etalab-cs1100502-stock-20260512-0339.excerpt.csv');
const STRUCTURES = importFixture('finess-structures-excerpt-20260309.json');
const ACTIVITIES = importFixture('finess-activites-excerpt-20260401.json');
const RPPS = importFixture('PS_LibreAcces_Personne_activite_small.txt');

const session = importSession('ror-import-variants-');
const { tmp, run, rows } = session;
let t: TestApp;
beforeAll(() => {
  ({ t } = session);
});
const org = async (finess: string) => (await rows(`SELECT * FROM organization WHERE finess = $1`, [finess]))[0];
const reasons = async (runId: string) =>
  (await rows(`SELECT reason FROM import_rejection WHERE run_id = $1 ORDER BY line`, [runId])).map((r) => r.reason);
/** Writes a derived variant into the scratch folder. */
const variant = (name: string, content: string | Buffer) => {
  const file = path.join(tmp, name);
  writeFileSync(file, content);
  return file;
};
const legacyText = () => readFileSync(LEGACY, 'utf8');
const rppsText = () => readFileSync(RPPS, 'utf8');
/** The 3 sample lines whose professions (71, 72, 93: title users) the ROR's value set J229 does not hold. */
const RPPS_REJECTED = 3;

describe('refused before any write, saying what to do', () => {
  it('archives, empty files, non-UTF-8 FINESS+ JSON, other files of the same families', async () => {
    // A zip's local header names its first file (offset 26: name length, 30: name), as the RPPS download has.
    const name = Buffer.from('PS_LibreAcces_Personne_activite_202611260000.txt');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), name]);
    zip.writeUInt16LE(name.length, 26);
    const cases: [kind: 'finess' | 'rpps', file: string, message: RegExp][] = [
      [
        'rpps',
        variant('PS_LibreAcces.zip', zip),
        /archive zip.*PS_LibreAcces_Personne_activite_202611260000\.txt.*décompressez/,
      ],
      ['finess', variant('cs1100502.csv.gz', gzipSync(legacyText())), /archive gzip.*décompressez/],
      ['finess', variant('empty.csv', ''), /le fichier est vide/],
      ['rpps', variant('blank.txt', '\n\r\n  \n'), /le fichier est vide/],
      // The Structures excerpt re-encoded in Windows-1252 (latin1 holds its accented letters).
      [
        'finess',
        variant('structures-1252.json', Buffer.from(readFileSync(STRUCTURES, 'utf8'), 'latin1')),
        /FINESS\+ JSON est en UTF-8/,
      ],
      [
        'finess',
        variant('other.json', '{"metadata": {"schemaVersion": "1"}, "items": []}'),
        /JSON sans tableau FINESS\+/,
      ],
      [
        'finess',
        variant('stock-et.csv', 'nofinesset;nofinessej;rs;rslongue;complrs\n010000024;010780054;CH;;\n'),
        /fichier annuel historique etalab_stock_et/,
      ],
      [
        'rpps',
        variant(
          'savoir-faire.txt',
          "Type d'identifiant PP|Identifiant PP|Identification nationale PP|Nom d'exercice|Prénom d'exercice|Code profession|Libellé profession|Code catégorie professionnelle|Libellé catégorie professionnelle|Code type savoir-faire|Libellé type savoir-faire|Code savoir-faire|Libellé savoir-faire|\n",
        ),
        /c’est le fichier PS_LibreAcces_SavoirFaire/,
      ],
    ];
    const before = await snapshot(t.db);
    for (const [kind, file, message] of cases) {
      await expect(run(kind, file)).rejects.toThrow(message);
    }
    expect(await snapshot(t.db)).toEqual(before);
    const refused = await rows(`SELECT count(*)::int AS n FROM import_run WHERE status = 'refused'`);
    expect(refused[0].n).toBe(cases.length);
  });
});

describe('legacy FINESS extracts as they may come', () => {
  it('reads BOM, CRLF, Windows-1252 and trailing empty lines as the original', async () => {
    expect(await run('finess', LEGACY)).toMatchObject({ status: 'succeeded', created: 27, rejected: 0 });
    const text = legacyText();
    const variants = [
      variant('bom-crlf.csv', `\uFEFF${text.replace(/\n/g, '\r\n')}`),
      variant('1252-crlf.csv', Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1')),
      variant('trailing.csv', `${text}\n\n`),
      variant('no-final-newline.csv', text.trimEnd()),
    ];
    for (const file of variants) {
      const r = await run('finess', file);
      expect(r).toMatchObject({ status: 'succeeded', created: 0, updated: 0, closed: 0, rejected: 0, unchanged: 14 });
    }
    // The street type is not repeated when the street name already holds it (`CHE` + `CHEMIN SAFER MORANGE`).
    expect((await org('970405767')).address.line).toBe('40 CHEMIN SAFER MORANGE');
  });

  it('a truncated last line is rejected and closes nothing', async () => {
    const text = legacyText();
    // Cut inside the last line (ALEFPA, 970216057), as an interrupted download leaves it.
    const r = await run('finess', variant('truncated.csv', text.slice(0, text.length - 90)));
    expect(r).toMatchObject({ status: 'succeeded', closed: 0, rejected: 1 });
    expect(await reasons(r.id)).toEqual([
      expect.stringMatching(/32 champs attendus, \d+ trouvés \(dernière ligne tronquée/),
    ]);
    expect(r.message).toMatch(/non fermée/);
    expect((await org('970216057')).closed_on).toBeNull();
  });

  it('a structure whose line is rejected, or a line without a readable number, is not taken as gone', async () => {
    const text = legacyText();
    // Fleyriat's category turned into an unknown code: rejected, still listed.
    const unknownCode = variant(
      'unknown-code.csv',
      text.replace(';355;Centre Hospitalier (C.H.);1102;', ';998;X;1102;'),
    );
    const r = await run('finess', unknownCode);
    expect(r).toMatchObject({ status: 'succeeded', closed: 0, rejected: 1 });
    expect((await org('010000024')).closed_on).toBeNull();
    // The FINESS number mangled by a spreadsheet (leading zero lost): which structure it lists is unknown.
    const mangled = variant('mangled.csv', text.replace(';010000024;', ';10000024;'));
    const m = await run('finess', mangled);
    expect(m).toMatchObject({ status: 'succeeded', closed: 0, rejected: 1 });
    expect(await reasons(m.id)).toEqual([expect.stringMatching(/numéro FINESS ET invalide : « 10000024 »/)]);
    expect((await org('010000024')).closed_on).toBeNull();
  });

  it('a line too long is rejected alone, without holding it whole', async () => {
    const lines = legacyText().split('\n');
    lines.splice(2, 0, `structureet;${'X'.repeat(200_000)}`);
    const r = await run('finess', variant('huge-line.csv', lines.join('\n')));
    expect(r).toMatchObject({ status: 'succeeded', unchanged: 14, closed: 0, rejected: 1 });
    expect(await reasons(r.id)).toEqual([expect.stringMatching(/ligne de plus de 65536 caractères/)]);
    const [content] = await rows(`SELECT length(content) AS n FROM import_rejection WHERE run_id = $1`, [r.id]);
    expect(content.n).toBeLessThanOrEqual(1000);
  });

  it('an excerpt listing a few legal entities does not close the others', async () => {
    // cs1100501 layout (finess.md §5.1) for the EJ of Fleyriat, then its ET with the control point (cs1100507),
    // all sections in one file: it lists 2 of the 27 legacy structures known, far from a complete stock.
    const file = variant(
      'mixed.csv',
      [
        'finess;etalab;111;2026-05-12',
        "structureej;010780054;CH DE BOURG EN BRESSE;CENTRE HOSPITALIER DE BOURG-EN-BRESSE;;900;RTE;DE PARIS;;;;451;01440 VIRIAT;01;AIN;0474454647;13;Etablissement Public Communal d'Hospitalisation;;;260100045;8610Z;1979-02-13",
        legacyText().split('\n')[1],
        'geolocalisation;010000024;870262.2;6571540.8;1,ATLASANTE,96,BAN,EPSG:2154 RGF93 / Lambert-93 (Métropole);2026-05-04',
        '',
      ].join('\n'),
    );
    const r = await run('finess', file);
    expect(r).toMatchObject({ status: 'succeeded', closed: 0, rejected: 0 });
    expect(r.message).toMatch(/25 structure\(s\) connue\(s\) absente\(s\) du fichier \(sur 27\) : non fermées/);
    expect(await org('010780054')).toMatchObject({ name: 'CENTRE HOSPITALIER DE BOURG-EN-BRESSE', siren: '260100045' });
    const fleyriat = await org('010000024');
    expect(fleyriat.latitude).toBeCloseTo(46.22229, 4);
    expect(fleyriat.longitude).toBeCloseTo(5.20918, 4);
  });
});

describe('FINESS+ JSON as it may come', () => {
  it('reads both schema versions, minified or with BOM and CRLF, as the originals', async () => {
    expect(await run('finess', STRUCTURES)).toMatchObject({ status: 'succeeded', rejected: 0 });
    expect(await run('finess', ACTIVITIES)).toMatchObject({ status: 'succeeded', rejected: 0 });
    const structures = JSON.parse(readFileSync(STRUCTURES, 'utf8'));
    const activities = JSON.parse(readFileSync(ACTIVITIES, 'utf8'));
    // Schema 1.0.1: the version and the date in `metadata` instead of the root.
    const v101 = (d: Record<string, unknown>) => ({
      metadata: { schemaVersion: 'v1.0.1', generatedAt: d.generatedAt },
      ...Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'schemaVersion' && k !== 'generatedAt')),
    });
    const files = [
      variant('structures-minified.json', JSON.stringify(structures)),
      variant('structures-v101.json', JSON.stringify(v101(structures), null, 2)),
      variant(
        'activites-v101-bom-crlf.json',
        `\uFEFF${JSON.stringify(v101(activities), null, 2).replace(/\n/g, '\r\n')}`,
      ),
    ];
    for (const file of files) {
      expect(await run('finess', file)).toMatchObject({ status: 'succeeded', created: 0, updated: 0, rejected: 0 });
    }
  });

  it('stops at bytes that are not UTF-8, keeping what came before, writing no broken text', async () => {
    const text = readFileSync(STRUCTURES, 'utf8');
    // Blank space (valid JSON) pushes the last EJ past the head the format is told from; one of its letters
    // becomes a lone Windows-1252 byte.
    const last = text.lastIndexOf('"informationsGeneralesPMEJ"');
    const start = text.lastIndexOf('{', last);
    const [before, after] = [text.slice(0, start), text.slice(start)];
    const broken = Buffer.concat([
      Buffer.from(before + ' '.repeat(70_000)),
      Buffer.from(after.replace(/"denominationPm"\s*:\s*"/, '$&\u00e9'), 'latin1'),
    ]);
    const r = await run('finess', variant('structures-broken-byte.json', broken));
    expect(r).toMatchObject({ status: 'succeeded', rejected: 1 });
    expect(await reasons(r.id)).toEqual([expect.stringMatching(/octets invalides en UTF-8/)]);
    expect(await rows(`SELECT name FROM organization WHERE name LIKE '%\uFFFD%'`)).toEqual([]);
  });
});

describe('RPPS extracts as they may come', () => {
  it('reads BOM and CRLF, Windows-1252, the 56-column layout, reordered and unknown columns as the original', async () => {
    expect(await run('rpps', RPPS)).toMatchObject({ status: 'succeeded', rejected: RPPS_REJECTED });
    // The ville practice's locality comes from `Bureau cedex` without its postcode.
    const [practice] = await rows(`SELECT address FROM organization WHERE rpps_structure_id = 'C01920057500'`);
    expect(practice.address).toMatchObject({ postalCode: '01390', city: 'MIONNAY' });
    const lines = rppsText().trimEnd().split('\n');
    const fields = (l: string) => l.split('|').slice(0, -1);
    const join = (f: string[]) => `${f.join('|')}|`;
    const variants = [
      variant('bom-crlf.txt', `\uFEFF${lines.join('\r\n')}\r\n`),
      variant('1252.txt', Buffer.from(`${lines.join('\n')}\n`, 'latin1')),
      // The current layout appends four columns (rpps.md §3): role (part of a situation's key) empty here.
      variant(
        '56-columns.txt',
        [
          `${lines[0]}Code rôle|Libellé rôle|Code genre activité|Libellé genre activité|`,
          ...lines.slice(1).map((l) => `${l}||GENR01|Standard|`),
        ].join('\n'),
      ),
      variant('reordered.txt', lines.map((l) => join(fields(l).reverse())).join('\n')),
      variant(
        'unknown-column.txt',
        lines
          .map((l, i) => join([...fields(l).slice(0, 5), i ? 'x' : 'Colonne inconnue', ...fields(l).slice(5)]))
          .join('\n'),
      ),
    ];
    for (const file of variants) {
      const r = await run('rpps', file);
      expect(r).toMatchObject({ status: 'succeeded', created: 0, updated: 0, closed: 0, rejected: RPPS_REJECTED });
    }
  });

  it('a truncated file or a header alone closes no situation', async () => {
    const text = rppsText();
    const lines = text.trimEnd().split('\n');
    // Cut in the middle of the next-to-last line: the last professional is missing altogether.
    const cut = lines.slice(0, -1).join('\n');
    const truncated = await run('rpps', variant('truncated.txt', cut.slice(0, cut.length - 60)));
    expect(truncated).toMatchObject({ status: 'succeeded', closed: 0, rejected: RPPS_REJECTED + 1 });
    expect(truncated.message).toMatch(/non fermée\(s\) : ligne \d+ tronquée/);
    const headerOnly = await run('rpps', variant('header.txt', `${lines[0]}\n`));
    expect(headerOnly).toMatchObject({ status: 'succeeded', closed: 0 });
    expect(await rows(`SELECT id FROM practitioner_role WHERE closed_on IS NOT NULL`)).toEqual([]);
  });
});

describe('FINESS authorisations and groupings a later complete file no longer lists', () => {
  it('are closed, never deleted, and open again when listed again; not when a line was rejected', async () => {
    const activities = JSON.parse(readFileSync(ACTIVITIES, 'utf8'));
    // An active authorisation of the EJ dropped from the file (ANS would drop a withdrawn one).
    const authorisations = activities.pmej[0].activitesAutorisees as {
      caracteristiquesGeneriques: Record<string, string>;
    }[];
    const dropped = authorisations.find((a) => a.caracteristiquesGeneriques.etatObjet === 'A')!;
    const id = dropped.caracteristiquesGeneriques.activiteAeId!;
    activities.pmej[0].activitesAutorisees = authorisations.filter((a) => a !== dropped);
    const without = variant('activites-without-one.json', JSON.stringify(activities));
    const state = async () =>
      (await rows(`SELECT status, closed_on FROM finess_activity WHERE source_key = $1`, [id]))[0];
    const open = await state();
    expect(open.closed_on).toBeNull();

    // A rejected entry might have listed it: nothing is closed.
    const withRejection = JSON.parse(JSON.stringify(activities));
    withRejection.pmej.push({ numFiness: '12345', activitesAutorisees: [] });
    const rejected = await run('finess', variant('activites-rejected-entry.json', JSON.stringify(withRejection)));
    expect(rejected).toMatchObject({ status: 'succeeded', closed: 0, rejected: 1 });
    expect(rejected.message).toMatch(/non fermé\(s\) : 1 ligne\(s\) rejetée\(s\)/);

    const dry = await run('finess', without, true);
    expect(dry).toMatchObject({ closed: 1 });
    expect(await state()).toEqual(open);
    const r = await run('finess', without);
    expect(r).toMatchObject({ status: 'succeeded', created: 0, updated: 0, closed: 1, rejected: 0 });
    expect(await state()).toMatchObject({ status: 3, closed_on: expect.any(Date) });
    const events = await rows(`SELECT action, after FROM audit_event WHERE actor = $1`, [`import:${r.id}`]);
    expect(events).toEqual([{ action: 'update', after: expect.objectContaining({ sourceKey: id, status: 3 }) }]);
    expect(await run('finess', without)).toMatchObject({ closed: 0, updated: 0 });

    const back = await run('finess', ACTIVITIES);
    expect(back).toMatchObject({ status: 'succeeded', closed: 0, updated: 1 });
    expect(await state()).toEqual(open);

    // A GCS/GIE dropped from a later Structures file is closed the same way.
    const structures = JSON.parse(readFileSync(STRUCTURES, 'utf8'));
    const gco = structures.gco.pop() as { pmSmsseId: string };
    const g = await run('finess', variant('structures-without-gco.json', JSON.stringify(structures)));
    expect(g).toMatchObject({ status: 'succeeded', closed: 1, rejected: 0 });
    const [grouping] = await rows(`SELECT closed_on FROM finess_grouping WHERE kind = 'GCO' AND source_id = $1`, [
      gco.pmSmsseId,
    ]);
    expect(grouping.closed_on).not.toBeNull();
  });
});

describe('operator command beside the running app', () => {
  it('uses the embedded server that already answers instead of starting a second one', async () => {
    expect(await runningEmbeddedPostgres(1, 'postgres')).toBeNull();
    const url = new URL(adminUrl());
    // Only meaningful against the embedded test server, whose credentials are the embedded ones.
    if (url.username === 'postgres' && url.password === 'postgres') {
      expect(await runningEmbeddedPostgres(Number(url.port), 'postgres')).toMatchObject({ url: expect.any(String) });
    }
  });
});
