import type { SettingNode } from './settings-tree';

/**
 * The contract between the customizations.xml reader/writer (shared/xml) and its consumers (compiler,
 * wizard, CLI). The zod schemas in shared/model validate these shapes; this file only fixes their form.
 */
export type OwnerType = 'Microsoft' | 'SiliconVendor' | 'OEM' | 'SystemIntegrator' | 'MobileOperator' | 'ITAdmin';

export interface PackageConfig {
  /** Braced lower-case GUID as WCD writes it, e.g. `{22873c04-7b0a-486a-b282-c21b9f973839}`. */
  id: string;
  name: string;
  /** `a.b` or `a.b.c.d`. */
  version: string;
  ownerType: OwnerType;
  /** 0–99. */
  rank: number;
  notes: string;
  description?: string;
}

export interface CustomizationsDocument {
  packageConfig: PackageConfig;
  /** The children of Settings/Customizations/Common in document order: the store's top-level groups. */
  common: SettingNode[];
  /** Settings/Customizations/Targets and Variant elements, kept verbatim (WCD's UI cannot author them). */
  multivariant: SettingNode[];
}
