export function startFolding(_url: string, _log: (m: string) => void) {
  return { stop: async () => undefined };
}
