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
