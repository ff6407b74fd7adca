import { create } from 'xmlbuilder2';
import { type DomNode, elementChildren, ownText } from '../xml/dom-node';
import { DriveError } from './errors';

/** A property-list value (Apple's XML plist 1.0): what `diskutil … -plist` prints. */
export type PlistValue = string | number | boolean | PlistValue[] | PlistDict;
export interface PlistDict {
  [key: string]: PlistValue;
}

function convert(node: DomNode, where: string): PlistValue {
  switch (node.nodeName) {
    case 'dict': {
      const dict: PlistDict = {};
      const children = elementChildren(node);
      for (let i = 0; i < children.length; i += 2) {
        const keyNode = children[i];
        const valueNode = children[i + 1];
        if (keyNode?.nodeName !== 'key' || valueNode === undefined) {
          throw new DriveError('bad-output', 'plist: dict entries must be <key> then a value', where);
        }
        const key = ownText(keyNode);
        dict[key] = convert(valueNode, `${where}/${key}`);
      }
      return dict;
    }
    case 'array':
      return elementChildren(node).map((child, index) => convert(child, `${where}[${index}]`));
    case 'string':
    case 'date':
    case 'data':
      return ownText(node);
    case 'integer': {
      const text = ownText(node).trim();
      if (!/^-?\d+$/.test(text)) throw new DriveError('bad-output', `plist: bad integer '${text}'`, where);
      return Number(text);
    }
    case 'real':
      return Number(ownText(node).trim());
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      throw new DriveError('bad-output', `plist: unexpected element <${node.nodeName}>`, where);
  }
}

/** Parses an XML property list and returns its top-level value. */
export function parsePlist(xml: string): PlistValue {
  let document: DomNode;
  try {
    document = create(xml).node as unknown as DomNode;
  } catch (error) {
    throw new DriveError('bad-output', `plist: not well-formed XML (${(error as Error).message})`);
  }
  const root = elementChildren(document)[0];
  if (root?.nodeName !== 'plist') throw new DriveError('bad-output', 'plist: root element is not <plist>');
  const top = elementChildren(root)[0];
  if (top === undefined) throw new DriveError('bad-output', 'plist: empty <plist>');
  return convert(top, 'plist');
}

/** Parses a plist whose top-level value must be a dict. */
export function parsePlistDict(xml: string, what: string): PlistDict {
  const value = parsePlist(xml);
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new DriveError('bad-output', `${what}: top-level plist value is not a dict`);
  }
  return value;
}
