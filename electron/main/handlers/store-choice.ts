import { basename } from 'node:path';
import { z } from 'zod';
import { StoreFactsError } from '../../../shared/catalog/store-reader';
import type { Host } from '../../../shared/host';
import type { SettingsStoreProblem, SettingsStoreState } from '../../../shared/ipc/contract';
import { StoreFileError } from '../../../shared/node/settings-store';
import { RegfFormatError } from '../../../shared/regf/errors';
import { errorMessage } from '../../../shared/text/error-message';
import { useBuiltinStore, useStoreBytes } from '../settings-store';

const STORE_STATE = 'settings-store.json';
const rememberedSchema = z.object({ path: z.string().min(1) });

/**
 * The settings store the user chose last, kept by main in its own state file (as the recent projects are): a
 * path lands here only after the user picked it or main found it installed, so reading it again at the next
 * start is a grant main made itself. At start the file is read and parsed again, never trusted from before.
 */
export class StoreChoice {
  constructor(private readonly host: Host) {}

  /** The remembered store path; null for the built-in catalog or a damaged state file. */
  async remembered(): Promise<string | null> {
    try {
      const text = await this.host.readState(STORE_STATE);
      if (text === null) return null;
      const parsed = rememberedSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data.path : null;
    } catch {
      // A state file edited by hand: start on the built-in catalog rather than not at all.
      return null;
    }
  }

  async remember(path: string | null): Promise<void> {
    await this.host.writeState(STORE_STATE, JSON.stringify(path === null ? {} : { path }, null, 2));
  }

  /** Reads and parses the store at `path` and makes it main's catalog (throws as the reader does). */
  async use(path: string): Promise<SettingsStoreState> {
    const state = useStoreBytes(path, await this.host.readFile(path));
    await this.remember(path);
    return state;
  }

  /**
   * The remembered store, read again; when it is missing or no longer a store, the built-in catalog, the
   * problem, and the choice forgotten (the user picks again; the message says so).
   */
  async restore(): Promise<{ state: SettingsStoreState; problem: SettingsStoreProblem | null }> {
    const path = await this.remembered();
    if (path === null) return { state: useBuiltinStore(), problem: null };
    try {
      return { state: await this.use(path), problem: null };
    } catch (error) {
      const problem = problemOf(path, error);
      await this.remember(null);
      return { state: useBuiltinStore(), problem };
    }
  }
}

function problemOf(path: string, error: unknown): SettingsStoreProblem {
  const file = basename(path);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { file, reason: 'missing', detail: path };
  const detail = errorMessage(error);
  const invalid =
    error instanceof RegfFormatError || error instanceof StoreFactsError || error instanceof StoreFileError;
  return { file, reason: invalid ? 'invalid' : 'unreadable', detail };
}
