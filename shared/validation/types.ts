export type Severity = 'error' | 'warning';

/**
 * One problem found in a project. `params` fill the message placeholders; they never carry the value
 * of a secret setting (passwords, keys, tokens), only lengths and names.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** Instance path of the setting (`Accounts/Users/User[admin]/Password`) or `PackageConfig/Rank`. */
  path: string;
  params: Record<string, string | number>;
}

export interface ValidationOptions {
  /** MDM preset id (shared/catalog/mdm-presets.ts) whose expectations enrollments are checked against. */
  mdmPreset?: string;
  /** Target editions of the project (ICDProject Sku Edition values), to check the settings fit them. */
  targetEditions?: string[];
  /** The ICDProject Id, which must equal PackageConfig/ID. */
  projectId?: string;
}
