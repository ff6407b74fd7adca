import type { ProjectDraft } from '../state/app-state';

// Namespaces as WCD writes them in customizations.xml [observed: fixtures/ppkg/*.customizations.xml].
const PACKAGE_CONFIG_NAMESPACE = 'urn:schemas-Microsoft-com:Windows-ICD-Package-Config.v1.0';
const SETTINGS_NAMESPACE = 'urn:schemas-microsoft-com:windows-provisioning';

type XmlTree = { [element: string]: XmlTree | string };

function appendTree(
  document: XMLDocument,
  parent: Element,
  namespace: string | null,
  tree: XmlTree,
  depth: number,
) {
  const indent = `\n${'  '.repeat(depth)}`;
  for (const [name, content] of Object.entries(tree)) {
    parent.append(document.createTextNode(indent));
    const element = document.createElementNS(namespace, name);
    if (typeof content === 'string') element.textContent = content;
    else {
      appendTree(document, element, namespace, content, depth + 1);
      if (Object.keys(content).length > 0) element.append(document.createTextNode(indent));
    }
    parent.append(element);
  }
}

/**
 * The customizations.xml of a project with no settings yet, for the preview pane. A stand-in until the
 * wizard drives the preview from the project model through shared/xml's writer. Built with the browser's
 * own DOM and XMLSerializer (xmlbuilder2 needs Node's `events` module, which the renderer does not have).
 */
export function emptyProjectXml(project: ProjectDraft): string {
  const document = window.document.implementation.createDocument(null, 'WindowsCustomizations', null);
  const root = document.documentElement;
  const packageConfig = document.createElementNS(PACKAGE_CONFIG_NAMESPACE, 'PackageConfig');
  const settings = document.createElementNS(SETTINGS_NAMESPACE, 'Settings');
  appendTree(
    document,
    packageConfig,
    PACKAGE_CONFIG_NAMESPACE,
    { ID: project.id, Name: project.name, Version: '1.0', OwnerType: 'OEM', Rank: '0', Notes: '' },
    2,
  );
  appendTree(document, settings, SETTINGS_NAMESPACE, { Customizations: { Common: {} } }, 2);
  for (const section of [packageConfig, settings]) {
    section.append(document.createTextNode('\n  '));
    root.append(document.createTextNode('\n  '), section);
  }
  root.append(document.createTextNode('\n'));
  return `<?xml version="1.0" encoding="utf-8"?>\n${new XMLSerializer().serializeToString(document)}`;
}
