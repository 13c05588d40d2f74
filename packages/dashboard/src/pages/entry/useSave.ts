/**
 * A form's save, as every entry form does it: one at a time, the same idempotency key while the same request
 * is sent again (a retry after a network fault applies once: problems.ts keyFor), the form's problems cleared
 * when the hub took it, and its refusal placed beside the fields (useProblems) when it did not.
 */
import { ref } from 'vue';
import { keyFor } from './problems.ts';

interface Placing {
  clear(): void;
  refused(e: unknown): void;
}

export function useSave(problems: Placing) {
  const busy = ref(false);
  let last: { request: string; key: string } | null = null;

  /** Sends `request` by `send` (with its key); the hub's answer, or undefined when it refused (or a save runs). */
  async function run<T>(request: unknown, send: (key: string) => Promise<T>): Promise<T | undefined> {
    if (busy.value) return undefined;
    last = keyFor(request, last);
    busy.value = true;
    try {
      const answer = await send(last.key);
      problems.clear();
      return answer;
    } catch (e) {
      problems.refused(e);
      return undefined;
    } finally {
      busy.value = false;
    }
  }
  return { busy, run };
}

/** A form's keydown handler: Ctrl+Enter (⌘+Enter) saves from any of its inputs, a select or a checkbox too. */
export const saveOnCtrlEnter =
  (save: () => unknown) =>
  (e: KeyboardEvent): void => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
    e.preventDefault();
    void save();
  };
