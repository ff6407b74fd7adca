import { basename } from 'node:path';
import { z } from 'zod';
import type { Host } from '../../../shared/host';
import type { RecentProject } from '../../../shared/ipc/contract';
import { PathNotGrantedError } from '../errors';

/**
 * The one owner of file access for IPC: the renderer may read only paths the user picked in an open or save
 * dialog (or the OS handed us, or main's own recent-project list holds), and write only paths picked in a
 * save dialog, so a compromised renderer cannot reach other files. Grants last for the session; no exception
 * by file name.
 */
export class PathGrants {
  private readonly readable = new Set<string>();
  private readonly writable = new Set<string>();

  grantRead(path: string): void {
    this.readable.add(path);
  }

  /** A save-dialog pick: the renderer may write it and read back what it wrote. */
  grantWrite(path: string): void {
    this.readable.add(path);
    this.writable.add(path);
  }

  canRead(path: string): boolean {
    return this.readable.has(path);
  }

  requireRead(channel: string, path: string): void {
    if (!this.readable.has(path)) throw new PathNotGrantedError(channel, path, 'read');
  }

  requireWrite(channel: string, path: string): void {
    if (!this.writable.has(path)) throw new PathNotGrantedError(channel, path, 'write');
  }
}

const RECENT_STATE = 'recent-projects.json';
const MAX_RECENT = 8;
const recentListSchema = z.array(z.object({ path: z.string().min(1), name: z.string() })).max(100);

/**
 * Recent projects, kept by main in its own state file (not by the renderer): a path lands here only after
 * the user opened or saved it through a dialog, so reopening it later is a grant main made itself.
 */
export class RecentProjects {
  private list: RecentProject[] | null = null;

  constructor(private readonly host: Host) {}

  async all(): Promise<RecentProject[]> {
    if (this.list) return this.list;
    let parsed: RecentProject[] = [];
    try {
      const text = await this.host.readState(RECENT_STATE);
      const result = recentListSchema.safeParse(text === null ? [] : JSON.parse(text));
      if (result.success) parsed = result.data.slice(0, MAX_RECENT);
    } catch {
      // A damaged state file (edited by hand) starts an empty list rather than keeping the app from opening.
    }
    this.list = parsed;
    return parsed;
  }

  async has(path: string): Promise<boolean> {
    return (await this.all()).some((item) => item.path === path);
  }

  async remember(path: string, name: string = basename(path)): Promise<RecentProject[]> {
    const next = [{ path, name }, ...(await this.all()).filter((item) => item.path !== path)].slice(
      0,
      MAX_RECENT,
    );
    return this.store(next);
  }

  async forget(path: string): Promise<RecentProject[]> {
    return this.store((await this.all()).filter((item) => item.path !== path));
  }

  private async store(next: RecentProject[]): Promise<RecentProject[]> {
    this.list = next;
    await this.host.writeState(RECENT_STATE, JSON.stringify(next, null, 2));
    return next;
  }
}
