import { UTF8_BOM } from './bytes';
import { escapeAttribute } from '../xml/xml-escape';

/** Event types that become index files. `Uicc_RunOnce` (AtFirstSIMDetectOnly) is out of scope. */
export type EventType = 'RunTime' | 'User_RunTime';

export interface ConfigurationSetEntry {
  /** The group's SettingsGroup GUID, before the duplicate suffix. */
  settingsGroup: string;
  /** provxml file name, e.g. `0__Accounts_Users_alice.provxml`. */
  fileName: string;
}

/**
 * Duplicate suffix (docs/format/compile-rules.md §1.2, DERIVED from ProvXmlIndexWriter, OBSERVED acer/VNJoe): within
 * one index file the first occurrence of a GUID is plain, the (c+1)-th is `{guid}_{c-1}` — so `_0, _1, …`.
 */
export function withDuplicateSuffixes(guids: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return guids.map((guid) => {
    const count = seen.get(guid) ?? 0;
    seen.set(guid, count + 1);
    return count === 0 ? guid : `${guid}_${count - 1}`;
  });
}

/**
 * `Prov/RunTime.xml` or `Prov/User_RunTime.xml` (docs/format/ppkg-format.md §3.2, OBSERVED): UTF-8 with BOM, CRLF, no
 * trailing newline, one `ConfigurationSet` per provxml in file order. An index with no entries is written as
 * an empty element, which is what XmlWriter does [INFERRED: no sample without settings]. Text with the BOM
 * character; compilePackage encodes it.
 */
export function writeRuntimeIndex(eventType: EventType, entries: readonly ConfigurationSetEntry[]): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>'];
  if (entries.length === 0) {
    lines.push('<ConfigurationSource Version="1.0" />');
  } else {
    lines.push('<ConfigurationSource Version="1.0">');
    const groups = withDuplicateSuffixes(entries.map((entry) => entry.settingsGroup));
    entries.forEach((entry, index) => {
      const data = `$(_prov)\\${eventType}\\${entry.fileName}`;
      lines.push(
        `  <ConfigurationSet Type="provxml" SettingsGroup="${escapeAttribute(groups[index]!)}" Data="${escapeAttribute(data)}" />`,
      );
    });
    lines.push('</ConfigurationSource>');
  }
  return UTF8_BOM + lines.join('\r\n');
}

// Windows-invalid file-name characters (docs/format/compile-rules.md §2.8): / \ : * ? " < > | and control characters.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be replaced
const INVALID_FILE_NAME_CHARACTER = /[/\\:*?"<>|\u0000-\u001F]/g;

/**
 * `{i}_{key}.provxml`, key = the AtomicGroup instance path (leading `/` included, hence `0__…`) with every
 * Windows-invalid file-name character replaced by `_` (docs/format/compile-rules.md §2.8, DERIVED, OBSERVED examples).
 * ICD only truncates keys that would exceed MAX_PATH under its temp folder; real keys never get there.
 */
export function provxmlFileName(index: number, atomicGroupInstancePath: string): string {
  let key = fileKeys.get(atomicGroupInstancePath);
  if (key === undefined) {
    // The preview names every file per keystroke: remember recent keys (bounded, paths are user-typed).
    if (fileKeys.size >= 4096) fileKeys.clear();
    key = atomicGroupInstancePath.replace(INVALID_FILE_NAME_CHARACTER, '_');
    fileKeys.set(atomicGroupInstancePath, key);
  }
  return `${index}_${key}.provxml`;
}

const fileKeys = new Map<string, string>();
