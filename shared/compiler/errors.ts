/**
 * A customization the compiler cannot turn into provisioning XML. `settingPath` is the instance path in
 * customizations.xml terms (`Accounts/Users/alice/UserGroup`), so the UI can point at the offending setting.
 * Messages never carry the setting's value: it may be a password, secret or token.
 */
export class CompileError extends Error {
  override readonly name = 'CompileError';
  constructor(
    readonly settingPath: string,
    readonly detail: string,
  ) {
    super(`${settingPath || '(package)'}: ${detail}`);
  }
}
