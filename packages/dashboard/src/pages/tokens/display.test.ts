import { describe, expect, it } from 'vitest';
import { displayPages, displaySaidHere, fullUrl } from './display.ts';

describe('tokens/display', () => {
  it('should offer the overview kiosk first, then all boards in turn, then each rotated page in kiosk mode', () => {
    expect(displayPages(['/', '/organization-life', '/honors'])).toEqual([
      { path: '/?kiosk=1', key: 'overview' },
      { path: '/?kiosk=1&rotate=60', key: 'rotate' },
      { path: '/organization-life?kiosk=1', key: 'orgLife' },
      { path: '/honors?kiosk=1', key: 'honors' },
    ]);
  });

  it('should say what is wrong with a name and days before asking the hub', () => {
    expect(displaySaidHere({ name: ' ', days: 0 })).toEqual({
      name: [{ key: 'tokens.display.nameRequired' }],
      days: [{ key: 'tokens.daysRange', params: { min: 1, max: 90 } }],
    });
    expect(displaySaidHere({ name: '会'.repeat(96), days: '30' }).name).toEqual([{ key: 'tokens.nameTooLong', params: { max: 95 } }]);
    expect(displaySaidHere({ name: '三楼会议室', days: 90 })).toEqual({});
  });

  it('should make the hub’s path a whole link on this origin', () => {
    expect(fullUrl('http://10.1.2.3:4000', '/auth/display/abc')).toBe('http://10.1.2.3:4000/auth/display/abc');
  });
});
