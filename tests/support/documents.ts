import type { CustomizationsDocument } from '../../shared/model/customizations-document';

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
