import { describe, expect, it } from 'vitest';
import { beijingTime, curlExample, firstRefused, saidByHub, saidHere, tokenRows, tokenState, type Token } from './view.ts';

const NOW = Date.parse('2026-12-03T02:00:00Z'); // 10:00 in Beijing
const token = (id: string, over: Partial<Token> = {}): Token => ({
  id,
  name: `脚本 ${id}`,
  createdAt: '2026-11-01T02:00:00Z',
  expiresAt: '2026-12-31T02:00:00Z',
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});

describe('dashboard/tokens view', () => {
  it('should tell active, expired and revoked tokens apart (revoked first, whatever the expiry)', () => {
    expect(tokenState(token('a'), NOW)).toBe('active');
    expect(tokenState(token('b', { expiresAt: '2026-12-03T02:00:00Z' }), NOW)).toBe('expired');
    expect(tokenState(token('c', { expiresAt: '2026-12-01T00:00:00Z', revokedAt: '2026-11-20T00:00:00Z' }), NOW)).toBe('revoked');
  });

  it('should write times in Beijing time, whatever the browser’s zone', () => {
    expect(beijingTime('2026-12-02T16:30:00Z')).toBe('2026-12-03 00:30');
    expect(beijingTime(null)).toBeNull();
  });

  it('should list live tokens first, soonest to expire first, then the ended ones, newest first', () => {
    const rows = tokenRows(
      [
        token('old-revoked', { createdAt: '2026-10-01T00:00:00Z', revokedAt: '2026-10-02T00:00:00Z' }),
        token('late', { expiresAt: '2027-02-01T00:00:00Z', lastUsedAt: '2026-12-03T01:59:00Z' }),
        token('expired', { createdAt: '2026-11-20T00:00:00Z', expiresAt: '2026-12-01T00:00:00Z' }),
        token('soon', { expiresAt: '2026-12-04T00:00:00Z' }),
      ],
      NOW,
    );
    expect(rows.map((r) => [r.id, r.state])).toEqual([
      ['soon', 'active'],
      ['late', 'active'],
      ['expired', 'expired'],
      ['old-revoked', 'revoked'],
    ]);
    expect(rows[1]).toMatchObject({ lastUsed: '2026-12-03 09:59', expires: '2027-02-01 08:00', revoked: null });
    expect(rows[3]!.revoked).toBe('2026-10-02 08:00');
    expect(rows[0]!.lastUsed).toBeNull();
  });

  it('should check the form before asking: a name, at most 100 characters, whole days from 1 to 90', () => {
    expect(saidHere({ name: '月报', days: 30 })).toEqual({});
    expect(saidHere({ name: '月报', days: '90' })).toEqual({});
    expect(saidHere({ name: '   ', days: 30 })).toEqual({ name: [{ key: 'tokens.nameRequired' }] });
    expect(saidHere({ name: '长'.repeat(101), days: 30 }).name).toEqual([{ key: 'tokens.nameTooLong', params: { max: 100 } }]);
    for (const days of [0, 91, 1.5, '', null, 'x'])
      expect(saidHere({ name: 'a', days }).days, String(days)).toEqual([{ key: 'tokens.daysRange', params: { min: 1, max: 90 } }]);
    expect(firstRefused(saidHere({ name: '', days: 0 }))).toBe('name');
    expect(firstRefused(saidHere({ name: 'a', days: 0 }))).toBe('days');
  });

  it('should put the hub’s problems beside their fields, and a refusal naming none on the form', () => {
    const said = saidByHub({
      message: '…',
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: 'input/out_of_range',
        field: 'createApiToken.input.days',
        problems: [
          { field: 'createApiToken.input.name', reason: 'input/required', zh: '请给令牌起个名字', en: 'give the token a name' },
          { field: 'createApiToken.input.days', reason: 'input/out_of_range', zh: '有效天数须为 1–90 天', en: 'days must be from 1 to 90' },
        ],
      },
    });
    expect(said).toEqual({
      name: [{ zh: '请给令牌起个名字', en: 'give the token a name' }],
      days: [{ zh: '有效天数须为 1–90 天', en: 'days must be from 1 to 90' }],
    });
    const tooMany = saidByHub({
      message: '…',
      extensions: {
        field: 'createApiToken.input',
        problems: [{ field: 'createApiToken.input', reason: 'input/too_many', zh: '最多 20 个', en: 'at most 20' }],
      },
    });
    expect(tooMany).toEqual({ form: [{ zh: '最多 20 个', en: 'at most 20' }] });
  });

  it('should show a script how to send the token', () => {
    expect(curlExample('http://10.1.2.3:4000', 'hub_pat_x')).toBe(
      [
        'curl -s http://10.1.2.3:4000/graphql \\',
        "  -H 'Authorization: Bearer hub_pat_x' \\",
        "  -H 'Content-Type: application/json' \\",
        `  -d '{"query":"{ me { username role } }"}'`,
      ].join('\n'),
    );
  });
});
