/** One setting the compiler cannot turn into provisioning XML, and why (never its value). */
export interface CompileIssue {
  /** Instance path in customizations.xml terms (`Accounts/Users/alice/UserGroup`); '' for the package. */
  settingPath: string;
  detail: string;
}

/**
 * A customization the compiler cannot turn into provisioning XML. `settingPath` is the instance path in
 * customizations.xml terms (`Accounts/Users/alice/UserGroup`), so the UI can point at the offending setting.
 * `issues` lists every setting that failed (the first one is `settingPath`/`detail`): the rest of the
 * project was still compiled and checked. Messages never carry the setting's value: it may be a password,
 * secret or token.
 */
export class CompileError extends Error {
  override readonly name = 'CompileError';
  readonly issues: readonly CompileIssue[];
  constructor(
    readonly settingPath: string,
    readonly detail: string,
    issues?: readonly CompileIssue[],
  ) {
    const all = issues && issues.length > 0 ? issues : [{ settingPath, detail }];
    const more = all.length > 1 ? ` (and ${all.length - 1} more)` : '';
    super(`${settingPath || '(package)'}: ${detail}${more}`);
    this.issues = all;
  }

  /** One error for several issues; the first names the error. */
  static of(issues: readonly CompileIssue[]): CompileError {
    const first = issues[0]!;
    return new CompileError(first.settingPath, first.detail, issues);
  }
}
