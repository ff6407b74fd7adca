import type { CustomizationsDocument } from '../model/customizations-document';
import type { SettingNode } from '../model/settings-tree';
import { UTF8_BOM } from './bytes';
import { writeElementsIndex } from './multivariant';
import { escapeAttribute, escapeText } from '../xml/xml-escape';

const SETTINGS_NAMESPACE = 'urn:schemas-microsoft-com:windows-provisioning';

/**
 * `CommonSettings/CommonSettings.xml`: the Index-1 frame, same form as Multivariant.xml (OBSERVED). A
 * multivariant package numbers it after the Variants' elements (docs/format/ppkg-format.md §3.4, INFERRED).
 */
export function writeCommonSettingsIndex(index = 1): string {
  return writeElementsIndex('CommonSettings', [{ index }]);
}

/**
 * `CommonSettings/1/AnswerFile.xml` (docs/format/ppkg-format.md §3.2 + Appendix A, OBSERVED in all five samples): the
 * `<Settings>` part of customizations.xml re-serialised by WCD — always UTF-8 with BOM, CRLF, two-space
 * indent, no trailing newline, whatever form the source file had — with every `Name` attribute of the
 * settings dropped (acer's `CommandConfig Name=`, osd-invoke's `CommandFile Name=`). Targets are written
 * verbatim because their `Condition Name=` carries meaning [INFERRED: no multivariant sample]. Text with the
 * BOM character; `commonChildLines` lets the preview reuse the lines of Common children it has not changed.
 */
export function writeAnswerFile(
  doc: CustomizationsDocument,
  commonChildLines: (node: SettingNode) => readonly string[] = answerFileCommonChildLines,
): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Settings xmlns="${SETTINGS_NAMESPACE}">`,
    '  <Customizations>',
  ];
  if (doc.common.length === 0) {
    lines.push('    <Common />');
  } else {
    lines.push('    <Common>');
    for (const node of doc.common) for (const line of commonChildLines(node)) lines.push(line);
    lines.push('    </Common>');
  }
  for (const part of doc.multivariant) writeNode(part, '    ', part.name !== 'Targets', lines);
  lines.push('  </Customizations>', '</Settings>');
  return UTF8_BOM + lines.join('\r\n');
}

/** The AnswerFile.xml lines of one child of Common (its `Name` attributes dropped). */
export function answerFileCommonChildLines(node: SettingNode): string[] {
  const lines: string[] = [];
  writeNode(node, '      ', true, lines);
  return lines;
}

function writeNode(node: SettingNode, indent: string, dropNames: boolean, lines: string[]): void {
  let open = `${indent}<${node.name}`;
  for (const [name, value] of node.attributes) {
    if (dropNames && name === 'Name') continue;
    open += ` ${name}="${escapeAttribute(value)}"`;
  }
  if (node.children.length > 0) {
    lines.push(`${open}>`);
    for (const child of node.children) writeNode(child, `${indent}  `, dropNames, lines);
    lines.push(`${indent}</${node.name}>`);
  } else if (node.text === undefined) {
    lines.push(`${open} />`);
  } else {
    lines.push(`${open}>${escapeText(node.text)}</${node.name}>`);
  }
}
