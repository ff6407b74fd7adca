import type { GeneratedCatalog } from '../catalog/store-facts';
import generated from '../catalog/generated/desktop-store.json';

/** The generated catalog of the pinned Desktop store (with Common-store membership), as committed. */
export function builtinCatalog(): GeneratedCatalog {
  return generated as unknown as GeneratedCatalog;
}
