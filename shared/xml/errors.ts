/**
 * A project file (customizations.xml, *.icdproj.xml) that cannot be read or written. `field` names the
 * element path (`PackageConfig/Rank`) or, for text-level faults, the byte/character position.
 */
export class ProjectFileError extends Error {
  constructor(
    readonly file:
      | 'customizations.xml'
      | 'icdproj.xml'
      | 'provxml'
      | 'RunTime.xml'
      | 'Multivariant.xml'
      | 'events.xml',
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${file}: ${field}: ${detail}`);
    this.name = 'ProjectFileError';
  }
}
