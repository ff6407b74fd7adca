/**
 * The `<ProjectName>.icdproj.xml` project file (docs/format/wcd-settings.md §1.2) [observed in five WCD projects].
 */
export interface IcdSku {
  /** Always `File` in real projects. */
  storeType: string;
  /** UI name, e.g. `All Windows desktop editions`. */
  name: string;
  /** Settings store file name, e.g. `Microsoft-Desktop-Provisioning.dat`. */
  sourcePath: string;
  /** `WindowsCommon`, `Desktop`, `Athens` (IoT Core), … */
  edition: string;
  /** `10.0` (ms-iot tooling wrote `10`). */
  version: string;
  description: string;
}

export interface IcdProject {
  name: string;
  description: string;
  /** The WCD build that wrote the file, e.g. `10.0.26100.2454` or `2025.416.0.0+<git sha>`. */
  version: string;
  /** Braced GUID, identical to PackageConfig/ID. */
  id: string;
  /** Always `Provisioning package`. */
  templateName: string;
  /** Always `ProvisioningPackage`. */
  templateType: string;
  /** Present only while a wizard project stays in the simple editor. */
  scenarioId?: string;
  targetEditions: IcdSku[];
  formatting?: IcdProjectFormatting;
}

export interface IcdProjectFormatting {
  byteOrderMark: boolean;
  newline: '\r\n' | '\n';
  trailingNewline: boolean;
  /** ICDProject attributes in the order read (names of unknown ones included). */
  attributeOrder: string[];
  /** Attributes the schema above does not name, kept verbatim. */
  extraAttributes: Array<[string, string]>;
}
