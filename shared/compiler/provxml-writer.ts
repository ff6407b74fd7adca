import { UTF8_BOM } from './bytes';
import { buildCharacteristicTree, type CharacteristicChild, type ProvParm } from './characteristic-tree';
import { escapeAttribute } from '../xml/xml-escape';

/**
 * `store`: Store-app WCD (2024.613, 2025.416) — every parm carries `SettingsPath`.
 * `adk`: ADK WCD (17134 … 26100) — no `SettingsPath`. Both are accepted by the engine (docs/format/compile-rules.md §4).
 */
export type CompileStyle = 'store' | 'adk';

/**
 * The text of a `.provxml` (docs/format/compile-rules.md §2.9, OBSERVED): UTF-8 with BOM, `standalone="yes"`
 * declaration, CRLF, two-space indent, `<parm … />`, no trailing newline. Attribute order:
 * SettingsPath (store style only), name, value, datatype, exec.
 */
export function writeProvxmlText(parms: readonly ProvParm[], style: CompileStyle): string {
  const lines = ['<?xml version="1.0" encoding="utf-8" standalone="yes"?>', '<wap-provisioningdoc>'];
  writeChildren(buildCharacteristicTree(parms), '  ', style, lines);
  lines.push('</wap-provisioningdoc>');
  return UTF8_BOM + lines.join('\r\n');
}

function writeChildren(
  children: readonly CharacteristicChild[],
  indent: string,
  style: CompileStyle,
  lines: string[],
): void {
  for (const child of children) {
    if (child.kind === 'parm') {
      lines.push(indent + parmElement(child.parm, style));
      continue;
    }
    let open = `${indent}<characteristic type="${escapeAttribute(child.type)}"`;
    for (const [name, value] of child.attributes) open += ` ${name}="${escapeAttribute(value)}"`;
    if (child.children.length === 0) {
      lines.push(`${open} />`);
      continue;
    }
    lines.push(`${open}>`);
    writeChildren(child.children, `${indent}  `, style, lines);
    lines.push(`${indent}</characteristic>`);
  }
}

function parmElement(parm: ProvParm, style: CompileStyle): string {
  let element = parm.delete ? '<noparm' : '<parm';
  if (style === 'store') element += ` SettingsPath="${escapeAttribute(parm.settingsPath)}"`;
  element += ` name="${escapeAttribute(parm.name)}"`;
  if (!parm.delete) {
    element += ` value="${escapeAttribute(parm.value)}" datatype="${parm.datatype}"`;
    if (parm.exec) element += ' exec="1"';
  }
  return `${element} />`;
}
