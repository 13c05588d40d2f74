import { describe, expect, it } from 'vitest';
import { EVIDENCE_SQL, evidenceSql } from '../../indicators/evidence.js';
import type { StoredIndicatorId } from '../../indicators/sql.js';
import { EvidenceRecordType } from './indicator.types.js';

describe('indicator/types', () => {
  it('should name every kind of record the evidence statements list, and no other', () => {
    const listed = new Set(
      Object.keys(EVIDENCE_SQL).flatMap((id) =>
        [...evidenceSql(id as StoredIndicatorId).matchAll(/'([A-Za-z]+)' as record_type/g)].map((m) => m[1]!),
      ),
    );
    expect([...listed].toSorted()).toEqual(Object.values(EvidenceRecordType).toSorted());
  });
});
