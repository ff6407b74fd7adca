import { CsvError } from 'csv-parse/sync';
import { parse } from 'csv-parse/sync';
import { BatchCsvError, buildBatchTable, detectDelimiter } from '../../batch/csv-table';
import type { BatchTable } from '../../batch/types';

/**
 * UTF-8 (with or without BOM) when the bytes are valid UTF-8; otherwise Windows-1252, which is what Excel's
 * plain "CSV (Comma delimited)" writes on Western-European Windows (so `Pérez` is not turned into `P�rez`).
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Our own text for csv-parse's error codes (its messages may quote cell values). */
const CSV_PROBLEMS: Record<string, string> = {
  INVALID_OPENING_QUOTE: 'a quote appears inside a field that does not start with one',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by other characters',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by other characters',
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_MAX_RECORD_SIZE: 'a row is too large',
};

/**
 * Reads a batch CSV with csv-parse: UTF-8 with or without BOM (or Windows-1252), `,` or `;` detected from the header, quoted
 * fields (with embedded delimiters, quotes and line breaks), rows of uneven length. Kept on the Node side
 * because csv-parse's typings pull in Node's; the renderer gets the BatchTable over IPC.
 */
export function readBatchCsv(input: string | Uint8Array): BatchTable {
  const text = typeof input === 'string' ? input : decodeCsvBytes(input);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      // csv-parse counts records from 1 like a spreadsheet's rows (header = 1). Its messages quote the
      // field being read ("value is …"), which may be a secret: only the code and position are kept.
      const info = error as CsvError & { records?: number; column?: number | string };
      const column = typeof info.column === 'number' ? `, column ${info.column + 1}` : '';
      throw new BatchCsvError(
        `${CSV_PROBLEMS[error.code] ?? 'the CSV cannot be read'}${column}`,
        info.records === undefined ? undefined : info.records + 1,
      );
    }
    throw error;
  }
  return buildBatchTable(records, delimiter);
}
