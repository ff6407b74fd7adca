import { z } from 'zod';
import type { CustomizationsDocument } from './customizations-document';
import type { IcdProject } from './icd-project';
import { OWNER_TYPES } from './owner-type';
import { BRACED_GUID, PACKAGE_VERSION } from './package-config-formats';
import type { SettingNode } from './settings-tree';

/**
 * zod schemas of the project model: what a PPKG Studio project must look like before it is saved or built
 * (shapes from docs/format/wcd-settings.md §1.2/§1.3). Reading is more lenient (any WCD vintage); these schemas state
 * what we write. Field errors name the path, e.g. `packageConfig.rank`.
 */

export const OwnerTypeSchema = z.enum(OWNER_TYPES);

export const PackageConfigSchema = z.object({
  id: z.string().regex(BRACED_GUID, 'must be a braced GUID like {22873c04-7b0a-486a-b282-c21b9f973839}'),
  name: z.string().min(1, 'must not be empty'),
  version: z.string().regex(PACKAGE_VERSION, 'must be Major.Minor (1.0) or four parts (1.0.0.0)'),
  ownerType: OwnerTypeSchema,
  rank: z.number().int().min(0).max(99),
  notes: z.string(),
  description: z.string().optional(),
});

/** One element of the settings tree; attributes keep document order (map keys, list Names). */
export const SettingNodeSchema: z.ZodType<SettingNode> = z.lazy(() =>
  z.object({
    name: z.string().min(1),
    attributes: z.array(z.tuple([z.string().min(1), z.string()])),
    children: z.array(SettingNodeSchema),
    text: z.string().optional(),
  }),
);

const FormattingSchema = z.looseObject({
  byteOrderMark: z.boolean(),
  newline: z.enum(['\r\n', '\n']),
  trailingNewline: z.boolean(),
});

export const CustomizationsDocumentSchema = z.object({
  packageConfig: PackageConfigSchema,
  common: z.array(SettingNodeSchema),
  multivariant: z.array(SettingNodeSchema),
  formatting: FormattingSchema.optional(),
});

export const IcdSkuSchema = z.object({
  storeType: z.string(),
  name: z.string(),
  sourcePath: z.string().min(1),
  edition: z.string().min(1),
  version: z.string(),
  description: z.string(),
});

export const IcdProjectSchema = z.object({
  name: z.string().min(1),
  description: z.string(),
  version: z.string(),
  id: z.string().regex(BRACED_GUID, 'must be a braced GUID'),
  templateName: z.string(),
  templateType: z.string(),
  scenarioId: z.string().optional(),
  targetEditions: z.array(IcdSkuSchema).min(1, 'at least one target edition'),
  formatting: FormattingSchema.optional(),
});

/** A WCD project folder: `<Name>.icdproj.xml` + `customizations.xml`, whose IDs must agree. */
export const WcdProjectSchema = z
  .object({
    project: IcdProjectSchema,
    customizations: CustomizationsDocumentSchema,
  })
  .refine((value) => value.project.id.toLowerCase() === value.customizations.packageConfig.id.toLowerCase(), {
    message: 'ICDProject Id must equal PackageConfig ID',
    path: ['project', 'id'],
  });

export interface WcdProject {
  project: IcdProject;
  customizations: CustomizationsDocument;
}

// Compile-time check that the schemas describe the hand-written contract types.
type Assert<T extends true> = T;
export type SchemaMatchesModel = Assert<
  z.infer<typeof PackageConfigSchema> extends CustomizationsDocument['packageConfig'] ? true : false
>;
