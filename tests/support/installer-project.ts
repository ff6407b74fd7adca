import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import { setSetting } from '../../shared/model/settings-edit';

/** An empty project: PackageConfig only, no settings. */
export function emptyProject(name: string, id: string): CustomizationsDocument {
  return {
    packageConfig: { id, name, version: '1.0', ownerType: 'ITAdmin', rank: 0, notes: '' },
    common: [],
    multivariant: [],
  };
}

const COMMAND = 'ProvisioningCommands/PrimaryContext/Command/CommandConfig';

/**
 * A project whose only setting is a provisioning command running one installer (a file-copy asset): what the
 * wizard's Applications page writes, as the tests of large installers need it.
 */
export function installerProject(
  installerPath: string,
  options: { name: string; id: string; commandLine: string },
): CustomizationsDocument {
  const doc = emptyProject(options.name, options.id);
  setSetting(doc, `${COMMAND}/CommandLine`, options.commandLine, options.name);
  setSetting(doc, `${COMMAND}/CommandFile`, installerPath, options.name);
  return doc;
}
