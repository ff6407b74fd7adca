/** Recent projects, remembered in localStorage (paths only: never settings or secrets). */
export interface RecentProject {
  path: string;
  name: string;
}

const STORAGE_KEY = 'ppkg-studio.recentProjects';
const MAX_RECENT = 8;

export function readRecentProjects(): RecentProject[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (item): item is RecentProject =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as RecentProject).path === 'string' &&
        typeof (item as RecentProject).name === 'string',
    );
  } catch {
    // A damaged entry (edited by hand) must not keep the start page from loading.
    return [];
  }
}

/** Moves (or adds) a project to the top of the list. */
export function rememberRecentProject(project: RecentProject): RecentProject[] {
  const next = [project, ...readRecentProjects().filter((item) => item.path !== project.path)].slice(
    0,
    MAX_RECENT,
  );
  localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  return next;
}

export function forgetRecentProject(path: string): RecentProject[] {
  const next = readRecentProjects().filter((item) => item.path !== path);
  localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  return next;
}
