import { describe, expect, it } from 'vitest';
import { exportKeysCsv, importCsvBody, parseCsv, readImportFile } from './api-key-csv.js';

const V30 = 'a'.repeat(30);

describe('CSV', () => {
  it('parses quotes, doubled quotes, commas and CRLF', () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n\r\nx,,y\n')).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['x', '', 'y'],
    ]);
  });

  it('reads an import file and names every row’s problem', () => {
    const { rows, fileProblems } = readImportFile(
      ['key,NAME,enabled,UsagePlanIds', `${V30},ok,true,"p1,p2"`, `short,bad,maybe,p9`, `${V30},dup,false,`].join('\n'),
      new Set(['p1', 'p2']),
    );
    expect(fileProblems).toEqual([]);
    expect(rows[0]).toMatchObject({ line: 2, name: 'ok', enabled: true, planIds: ['p1', 'p2'], problems: [] });
    expect(rows[1]!.problems).toEqual([
      'Key must be 30 to 128 characters for an import (it has 5).',
      'Enabled must be true or false, not "maybe".',
      'Usage plan p9 does not exist.',
    ]);
    expect(rows[2]!.problems).toEqual(['Same Key as line 2.']);
  });

  it('refuses a file without the required columns', () => {
    expect(readImportFile('Description\nx', new Set()).fileProblems).toEqual([
      'The header has no Name column (AWS requires Name and Key; Description, Enabled and UsagePlanIds are optional).',
      'The header has no Key column (AWS requires Name and Key; Description, Enabled and UsagePlanIds are optional).',
    ]);
  });

  it('writes the import body in AWS’s format and exports without values', () => {
    const { rows } = readImportFile(`Name,Key,UsagePlanIds\nk1,${V30},"p1,p2"`, new Set(['p1', 'p2']));
    expect(importCsvBody(rows)).toBe(`Name,Key,Description,Enabled,UsagePlanIds\nk1,${V30},,true,"p1,p2"\n`);
    const csv = exportKeysCsv([{ id: 'id1', name: 'partner, inc', enabled: true, tags: { team: 'x' } }], () => ['Gold']);
    expect(csv).toBe('Name,Id,Enabled,CustomerId,Created,LastUpdated,Tags,UsagePlans\n"partner, inc",id1,true,,,,team=x,Gold\n');
    expect(csv).not.toContain(V30);
  });
});
