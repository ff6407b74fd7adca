import { UTF8_BOM } from './bytes';
import type { EventType } from './runtime-index';

/**
 * `Multivariant/0/MasterDatastore.xml` (docs/format/ppkg-format.md §3.2, OBSERVED kbf/mosd): one ConfigurationSource per
 * index file, in index-file order. UTF-8 with BOM, CRLF, no trailing newline.
 */
export function writeMasterDatastore(eventTypes: readonly EventType[]): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<ConfigurationSourceList Version="1.0">'];
  for (const eventType of eventTypes) {
    lines.push(
      `  <ConfigurationSource Name="${eventType}" Path="$(_prov)\\${eventType}.xml">`,
      '    <EventList>',
      `      <Event Name="${eventType}" />`,
      '    </EventList>',
      '  </ConfigurationSource>',
    );
  }
  lines.push('</ConfigurationSourceList>');
  return UTF8_BOM + lines.join('\r\n');
}
