import type { CustomizationsDocument } from '../../shared/model/customizations-document';
import type { SettingNode } from '../../shared/model/settings-tree';

/** A project with no settings yet: an ITAdmin package, rank 0, version 1.0, with the given ID and name. */
export function emptyDocument(
  id = '{00000000-0000-0000-0000-000000000001}',
  name = 'T',
): CustomizationsDocument {
  return {
    packageConfig: { id, name, version: '1.0', ownerType: 'ITAdmin', rank: 0, notes: '' },
    common: [],
    multivariant: [],
  };
}

/** An OEM project (rank 0) whose Common part holds the given settings: what the compiler unit tests compile. */
export function oemDocumentWith(...common: SettingNode[]): CustomizationsDocument {
  return {
    packageConfig: {
      id: '{22873c04-7b0a-486a-b282-c21b9f973839}',
      name: 'p',
      version: '1.0',
      ownerType: 'OEM',
      rank: 0,
      notes: '',
    },
    common,
    multivariant: [],
  };
}
