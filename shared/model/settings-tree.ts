/**
 * The settings part of customizations.xml as an ordered element tree. Order and every attribute are kept
 * as read, so a WCD-written file writes back byte for byte and settings we do not know survive untouched.
 * The catalog gives meaning to paths in this tree; the compiler walks it.
 */
export interface SettingNode {
  /** Element name exactly as written (casing matters: `CACerificate`, `HideOobe`). */
  name: string;
  /** Attributes in document order, e.g. [['UPN', 'user@contoso.com'], ['Name', 'user@contoso.com']]. */
  attributes: Array<[name: string, value: string]>;
  /** Child elements in document order; empty for a leaf. */
  children: SettingNode[];
  /** Text content of a leaf; undefined for an element with children or written as `<X />`. */
  text?: string;
}

/** A deep copy of an element tree. */
export function cloneSettingNode(node: SettingNode): SettingNode {
  const copy: SettingNode = {
    name: node.name,
    attributes: node.attributes.map(([name, value]) => [name, value]),
    children: node.children.map(cloneSettingNode),
  };
  if (node.text !== undefined) copy.text = node.text;
  return copy;
}

/** Deep equality of two element trees (names, attributes in order, text, children). */
export function sameSettingNode(a: SettingNode, b: SettingNode): boolean {
  if (a === b) return true;
  if (a.name !== b.name || a.text !== b.text) return false;
  if (a.attributes.length !== b.attributes.length || a.children.length !== b.children.length) return false;
  for (let i = 0; i < a.attributes.length; i++) {
    const [nameA, valueA] = a.attributes[i]!;
    const [nameB, valueB] = b.attributes[i]!;
    if (nameA !== nameB || valueA !== valueB) return false;
  }
  for (let i = 0; i < a.children.length; i++) {
    if (!sameSettingNode(a.children[i]!, b.children[i]!)) return false;
  }
  return true;
}
