import { describe, expect, it, vi } from 'vitest';
import { saveOnCtrlEnter, useSave } from './useSave.ts';

const placing = () => ({ clear: vi.fn(), refused: vi.fn() });

describe('entry/useSave', () => {
  it('should send a request again with the same key after a fault, and a changed one with a new key', async () => {
    const problems = placing();
    const { run } = useSave(problems);
    const keys: string[] = [];
    const fault = new Error('network down');
    expect(await run({ a: 1 }, async (key) => (keys.push(key), Promise.reject(fault)))).toBeUndefined();
    expect(problems.refused).toHaveBeenCalledWith(fault);
    expect(await run({ a: 1 }, async (key) => (keys.push(key), 'ok'))).toBe('ok');
    expect(problems.clear).toHaveBeenCalledOnce();
    await run({ a: 2 }, async (key) => (keys.push(key), 'ok'));
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[1]);
  });

  it('should run one save at a time', async () => {
    const { busy, run } = useSave(placing());
    let answer!: (v: string) => void;
    const first = run({}, () => new Promise<string>((r) => (answer = r)));
    expect(busy.value).toBe(true);
    expect(await run({}, async () => 'second')).toBeUndefined();
    answer('first');
    expect(await first).toBe('first');
    expect(busy.value).toBe(false);
  });

  it('should save on Ctrl+Enter or ⌘+Enter only', () => {
    const save = vi.fn();
    const key = saveOnCtrlEnter(save);
    const press = (init: Partial<KeyboardEvent>) =>
      key({ preventDefault: vi.fn(), ctrlKey: false, metaKey: false, ...init } as unknown as KeyboardEvent);
    press({ key: 'Enter' });
    press({ key: 'a', ctrlKey: true });
    expect(save).not.toHaveBeenCalled();
    press({ key: 'Enter', ctrlKey: true });
    press({ key: 'Enter', metaKey: true });
    expect(save).toHaveBeenCalledTimes(2);
  });
});
