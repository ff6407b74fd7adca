/**
 * The part of the DOM that xmlbuilder2's `create(xml).node` returns, typed here once because shared/ has no DOM
 * typings. Readers that walk an xmlbuilder2 tree (the WIM XML data, property lists) use these.
 */
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

export interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  /** The characters of a text or CDATA node. */
  data?: string;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

/** The element children of `node`, in document order. */
export function elementChildren(node: DomNode): DomNode[] {
  return Array.from(node.childNodes).filter((child) => child.nodeType === ELEMENT_NODE);
}

/** The text and CDATA directly inside `node` (not its descendants'), joined. */
export function ownText(node: DomNode): string {
  return Array.from(node.childNodes)
    .filter((child) => child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE)
    .map((child) => child.data ?? '')
    .join('');
}
