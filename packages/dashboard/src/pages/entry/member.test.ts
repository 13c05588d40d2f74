import { describe, expect, it } from 'vitest';
import { byName, createInput, emptyPerson, formOf, idCardFacts, normalIdCard, updateInput, type MemberRecord } from './member.ts';

/** 17 digits and their check digit (GB 11643). */
const idWith = (first17: string) => {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
};
const VALID = idWith('11010119850312123');

const RECORD: MemberRecord = {
  id: 'TWVtYmVyOjE=',
  name: '张三',
  gender: 'MALE',
  idCardNo: '1101**********1234',
  birthDate: '1985-03-12',
  ethnicity: '汉族',
  mobile: '138****5678',
  education: 'MASTER',
  professionalTitle: 'INTERMEDIATE',
  staffCategory: 'PHYSICIAN',
  department: { id: 'RGVwOjE=', name: '心内科' },
  politicalStatus: 'FULL_MEMBER',
  membershipStatus: 'ACTIVE',
  joinedOn: '2010-07-01',
  convertedOn: '2011-07-01',
  isDeptHead: false,
  isBackbone: true,
  isFrontline: true,
  organization: { id: 'T3JnOjE=', name: '第一支部' },
};

describe('entry/member', () => {
  it('should read the birth date and gender from a well-formed ID-card number, and nothing from any other', () => {
    expect(idCardFacts(VALID)).toEqual({ birthDate: '1985-03-12', gender: 'MALE' });
    expect(idCardFacts(idWith('11010119900101002'))).toEqual({ birthDate: '1990-01-01', gender: 'FEMALE' });
    // A wrong check digit, a short number, a birth date that is no date: the hub's to explain.
    const wrong = VALID.slice(0, 17) + (VALID[17] === '0' ? '1' : '0');
    expect(idCardFacts(wrong)).toBeNull();
    expect(idCardFacts('11010119850312')).toBeNull();
    expect(idCardFacts(idWith('11010119850230123'))).toBeNull();
    // Typed with spaces, full-width digits or a small x.
    expect(normalIdCard(' １１０１０１ 19850312123x')).toBe('11010119850312123X');
  });

  it('should start a record not revealed with its ID-card number and mobile empty, and send neither while they stay so', () => {
    const before = formOf(RECORD, false);
    expect(before).toMatchObject({ name: '张三', idCardNo: '', mobile: '', departmentId: 'RGVwOjE=', joinedOn: '2010-07-01' });
    expect(updateInput(before, before)).toEqual({ input: {} });
    // A new number typed over the mask: sent, without the old one ever shown.
    expect(updateInput({ ...before, mobile: '139 0000 1111', isDeptHead: true }, before)).toEqual({
      input: { mobile: '13900001111', isDeptHead: true },
    });
  });

  it('should send a correction’s changed fields only, read dates as people type them, and keep an emptied field', () => {
    const before = formOf({ ...RECORD, idCardNo: VALID, mobile: '13812345678' }, true);
    expect(before.idCardNo).toBe(VALID);
    const changed = { ...before, name: ' 张 三丰 ', joinedOn: '2010/7/2', ethnicity: '', idCardNo: VALID.toLowerCase() };
    expect(updateInput(changed, before)).toEqual({ input: { name: '张 三丰', joinedOn: '2010-07-02' } });
    expect(updateInput({ ...before, convertedOn: '2011-13-01' }, before)).toEqual({
      bad: { 'input.convertedOn': [{ key: 'entry.notDay' }] },
    });
  });

  it('should send a new record’s filled fields in its branch, leaving the rest to the hub', () => {
    const f = {
      ...emptyPerson(),
      name: '李四',
      idCardNo: `${VALID.slice(0, 17)} ${VALID[17]}`,
      gender: 'MALE' as const,
      isFrontline: true,
    };
    expect(createInput(f, 'T3JnOjI=')).toEqual({
      input: {
        name: '李四',
        idCardNo: VALID,
        gender: 'MALE',
        isDeptHead: false,
        isBackbone: false,
        isFrontline: true,
        organizationId: 'T3JnOjI=',
      },
    });
    expect(createInput({ ...f, birthDate: '85年3月' }, 'x')).toEqual({ bad: { 'input.birthDate': [{ key: 'entry.notDay' }] } });
  });

  it('should find people by a part of their name, in Chinese order', () => {
    const people = [{ name: '张三丰' }, { name: '王五' }, { name: '张三' }, { name: null }];
    expect(byName(people, '张 三').map((p) => p.name)).toEqual(['张三', '张三丰']);
    expect(byName(people, '').map((p) => p.name)).toEqual([null, '王五', '张三', '张三丰']);
  });
});
