/** Remembers the chosen demo identity for this browser tab only (sessionStorage), local mode only. */
export interface IdentityStore {
  read(): string | undefined;
  write(key: string): void;
  clear(): void;
}

const STORAGE_KEY = "guildhall.devIdentity";

/** Storage can be missing or throw (sandboxed frames, privacy modes); then the choice lasts until reload. */
export function createIdentityStore(storage: () => Storage | undefined = () => globalThis.sessionStorage): IdentityStore {
  let memory: string | undefined;
  const safely = <T>(fn: (s: Storage) => T): T | undefined => {
    try {
      const s = storage();
      return s ? fn(s) : undefined;
    } catch (error) {
      console.warn("sessionStorage unavailable; remembering the identity in memory", error);
      return undefined;
    }
  };
  return {
    read: () => safely((s) => s.getItem(STORAGE_KEY)) ?? memory,
    write(key) {
      memory = key;
      safely((s) => s.setItem(STORAGE_KEY, key));
    },
    clear() {
      memory = undefined;
      safely((s) => s.removeItem(STORAGE_KEY));
    },
  };
}
