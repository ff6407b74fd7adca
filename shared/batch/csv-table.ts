import type { BatchTable } from './types';

/** Thrown when the CSV text itself cannot be read as a batch table. */
export class BatchCsvError extends Error {
  override readonly name = 'BatchCsvError';
  constructor(
    message: string,
    /** Spreadsheet row (1 = header) where the problem is, when known. */
    readonly rowNumber?: number,
  ) {
    super(rowNumber === undefined ? message : `row ${rowNumber}: ${message}`);
  }
}

/**
 * `,` or `;` (Excel writes `;` where the decimal separator is a comma, e.g. Spanish locales): whichever
 * occurs more often outside quotes in the header line. A tie (a one-column file) means `,`.
 */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const character of text.replace(/^\uFEFF/, '')) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === '\n' || character === '\r')) break;
    else if (!quoted && character === ',') commas++;
    else if (!quoted && character === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Builds the table from parsed records (the first is the header). Cells are kept as written except that
 * header cells are trimmed; rows where every cell is blank stay as rows with no cells, so row numbers stay
 * those of the spreadsheet.
 */
export function buildBatchTable(records: readonly string[][], delimiter: ',' | ';'): BatchTable {
  const [headerRecord, ...dataRecords] = records;
  const header = (headerRecord ?? []).map((cell) => cell.trim());
  if (header.length === 0 || header.every((cell) => cell === '')) {
    throw new BatchCsvError('the first row must be a header naming the columns', 1);
  }
  const rows = dataRecords.map((cells, index) => ({
    rowNumber: index + 2,
    cells: cells.every((cell) => cell.trim() === '') ? [] : cells,
  }));
  return { delimiter, header, rows };
}
