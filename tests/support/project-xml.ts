/**
 * A customizations.xml in WCD's current form with `common` as the body of Common (indent it yourself: the first
 * line of `common` is line 14 of the file, which tests that expect a line number rely on).
 */
export function customizationsXml(name: string, common: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<WindowsCustomizations>
  <PackageConfig xmlns="urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0">
    <ID>{0f9c3d8e-8a55-4d63-9a54-2f0c7e1b6a11}</ID>
    <Name>${name}</Name>
    <Version>1.0</Version>
    <OwnerType>ITAdmin</OwnerType>
    <Rank>0</Rank>
    <Notes></Notes>
  </PackageConfig>
  <Settings xmlns="urn:schemas-microsoft-com:windows-provisioning">
    <Customizations>
      <Common>
${common}
      </Common>
    </Customizations>
  </Settings>
</WindowsCustomizations>`;
}
