import { basename } from 'node:path';
import type { DialogFileFilter, Host } from '../../../shared/host';
import type { FileKind, IpcEmit, Language, LaunchFile } from '../../../shared/ipc/contract';
import { languageForLocale, mainStrings } from '../strings';
import { PathGrants, RecentProjects } from './grants';
import { StoreChoice } from './store-choice';

/** What every namespace's handlers share: the OS host, the path grants, events and the UI language. */
export class HandlerContext {
  readonly grants = new PathGrants();
  readonly recent: RecentProjects;
  /** The settings store the user chose last (restored at start). */
  readonly storeChoice: StoreChoice;
  language: Language;
  /** Files the OS handed us before the renderer asked (app:takeLaunchFile). */
  private pendingLaunch: LaunchFile | null = null;
  private rendererAsked = false;

  constructor(
    readonly host: Host,
    readonly emit: IpcEmit,
  ) {
    this.language = languageForLocale(host.info().locale);
    this.recent = new RecentProjects(host);
    this.storeChoice = new StoreChoice(host);
  }

  strings() {
    return mainStrings(this.language);
  }

  filtersFor(kind: FileKind): DialogFileFilter[] {
    const names = this.strings().filter;
    const own: Record<FileKind, DialogFileFilter> = {
      project: { name: names.project, extensions: ['ppkgproj', 'xml'] },
      package: { name: names.package, extensions: ['ppkg'] },
      xml: { name: names.xml, extensions: ['xml'] },
    };
    return [own[kind], { name: names.all, extensions: ['*'] }];
  }

  /** An open dialog whose pick becomes readable; null when cancelled. */
  async pickToOpen(
    title: string,
    filters: DialogFileFilter[],
  ): Promise<{ path: string; name: string } | null> {
    const path = await this.host.showOpenDialog({ title, filters });
    if (path === null) return null;
    this.grants.grantRead(path);
    return { path, name: basename(path) };
  }

  /**
   * A .ppkg the OS asked us to open (command line, file association, second launch): readable like a
   * dialog pick, since the user chose it in the shell. Sent as an event once the renderer is listening.
   */
  openFromOs(path: string): void {
    this.grants.grantRead(path);
    const file: LaunchFile = { path, name: basename(path), kind: 'package' };
    if (this.rendererAsked) this.emit('app:openFile', file);
    else this.pendingLaunch = file;
  }

  takeLaunchFile(): LaunchFile | null {
    this.rendererAsked = true;
    const file = this.pendingLaunch;
    this.pendingLaunch = null;
    return file;
  }
}
