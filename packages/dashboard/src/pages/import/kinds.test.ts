import { ImportKindLabels } from '@party-hub/schema/labels';
import { describe, expect, it } from 'vitest';
import {
  downloadName,
  errorsFileName,
  exportHref,
  exportYears,
  fileProblem,
  fromBase64,
  IMPORT_KINDS,
  mayCommit,
  templateHref,
  toBase64,
} from './kinds.ts';

describe('import/kinds', () => {
  it('should offer the members roll with its template on the hub', () => {
    expect(IMPORT_KINDS.map((k) => k.kind)).toContain('MEMBERS');
    expect(templateHref('members')).toBe('/import/template/members.xlsx');
  });

  it('should export a kind whole or one year of it, under the name the hub gives', () => {
    expect(exportHref('activities', null)).toBe('/export/activities.xlsx');
    expect(exportHref('activities', 2025)).toBe('/export/activities.xlsx?from=2025-01-01&to=2025-12-31');
    expect(exportHref('activities', 2025, 'Q3')).toBe('/export/activities.xlsx?from=2025-07-01&to=2025-09-30');
    expect(exportHref('activities', null, 'Q3')).toBe('/export/activities.xlsx');
    expect(exportYears(new Date('2026-12-03T08:00:00'))).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017]);
    expect(downloadName('attachment; filename="activities-2026-12-03.xlsx"', 'activities')).toBe('activities-2026-12-03.xlsx');
    expect(downloadName(null, 'figures')).toBe('figures.xlsx');
  });

  it('should offer the organisation tree (组织架构) with its template', () => {
    expect(IMPORT_KINDS.find((k) => k.kind === 'TREE')?.template).toBe('tree');
    expect(ImportKindLabels.TREE.zh).toBe('组织架构');
  });

  it('should offer a person’s history: development steps and positions, by their Chinese labels', () => {
    const offered = (kind: string) => IMPORT_KINDS.find((k) => k.kind === kind);
    expect(offered('DEVELOPMENT')).toEqual({ kind: 'DEVELOPMENT', template: 'development' });
    expect(offered('POSITIONS')).toEqual({ kind: 'POSITIONS', template: 'positions' });
    expect(ImportKindLabels.DEVELOPMENT.zh).toBe('发展党员');
    expect(ImportKindLabels.POSITIONS.zh).toBe('党内职务');
  });

  it('should refuse before sending a file that is not .xlsx or .csv, over 10 MB, or empty', () => {
    expect(fileProblem({ name: '名册.xlsx', size: 1000 })).toBeNull();
    expect(fileProblem({ name: 'roll.CSV', size: 1000 })).toBeNull();
    expect(fileProblem({ name: 'roll.xls', size: 1000 })).toBe('imports.fileType');
    expect(fileProblem({ name: 'roll.xlsx', size: 10 * 1024 * 1024 + 1 })).toBe('imports.fileSize');
    expect(fileProblem({ name: 'roll.xlsx', size: 10 * 1024 * 1024 })).toBeNull();
    expect(fileProblem({ name: 'roll.csv', size: 0 })).toBe('imports.fileEmpty');
  });

  it('should carry any bytes through base64 and back, past one call’s argument limit', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    const text = toBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(fromBase64(text)).toEqual(bytes);
  });

  it('should commit only a clean, uncommitted dry run', () => {
    const clean = { problemCount: 0, committed: false };
    expect(mayCommit(clean)).toBe(true);
    expect(mayCommit({ ...clean, problemCount: 3 })).toBe(false);
    expect(mayCommit({ ...clean, committed: true })).toBe(false);
    expect(mayCommit(null)).toBe(false);
    expect(errorsFileName('党员名册.xlsx')).toBe('党员名册-错误说明.xlsx');
  });
});
