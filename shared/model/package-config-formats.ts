/**
 * Text formats of PackageConfig fields, shared by the zod schemas (schema.ts) and the build's validation
 * (shared/validation/validate.ts). In a module of their own so that validation, which every CLI build runs,
 * does not load zod with the schemas.
 */

/** Braced GUID as WCD writes PackageConfig/ID and ICDProject/@Id. */
export const BRACED_GUID =
  /^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}$/;
/** The XSD's two Version alternatives: `a.b` or `a.b.c.d` (a 3-part `1.0.0` matches neither). */
export const PACKAGE_VERSION = /^(?:[0-9]+\.[0-9]+|(?:[0-9]+\.){3}[0-9]+)$/;
