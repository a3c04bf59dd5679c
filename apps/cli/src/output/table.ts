import { visibleLength, type Palette } from './colors.js';
import { relativeTime } from './relative-time.js';

export type CellValue = string | number | boolean | null | undefined;

/** One column of a human table, or one line of a details view. */
export interface Column<T> {
  /** Header on a terminal ("NAME"); label in a details view ("Name"). */
  readonly header: string;
  /** The wire field name, used as the key of piped details output. */
  readonly key: string;
  readonly value: (row: T) => CellValue;
  /** `time` cells are ISO strings: relative on a terminal, ISO when piped. */
  readonly kind?: 'text' | 'time';
  /** Shrinks (with …) when a terminal row would be wider than the screen. */
  readonly flexible?: boolean;
  readonly style?: (text: string, row: T, palette: Palette) => string;
}

export interface TableStyle {
  /** On a terminal: aligned, with a header, relative times, colours allowed. Otherwise tab-separated. */
  readonly tty: boolean;
  readonly palette: Palette;
  readonly columns: number | undefined;
  readonly now?: number;
}

function cellText<T>(column: Column<T>, row: T, style: TableStyle): string {
  const value = column.value(row);
  if (value === null || value === undefined || value === '') return style.tty ? '-' : '';
  const text = String(value);
  if (column.kind === 'time' && style.tty) return relativeTime(text, style.now);
  // Tabs and newlines would break both formats (one row per line; one field per tab, or aligned columns).
  return text.replace(/[\t\r\n]+/g, ' ');
}

function truncate(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? '…'.slice(0, width) : `${text.slice(0, width - 1)}…`;
}

/** Renders rows as lines: aligned with a header on a terminal, tab-separated without a header when piped. */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], style: TableStyle): string {
  const cells = rows.map((row) => columns.map((column) => cellText(column, row, style)));
  if (!style.tty) return cells.map((line) => `${line.join('\t')}\n`).join('');

  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((line) => (line[i] ?? '').length)));
  const gap = 2;
  const total = widths.reduce((sum, w) => sum + w, 0) + gap * (columns.length - 1);
  if (style.columns !== undefined && total > style.columns) {
    const flexible = columns.findIndex((c) => c.flexible);
    if (flexible !== -1) {
      const current = widths[flexible] ?? 0;
      widths[flexible] = Math.max(columns[flexible]?.header.length ?? 0, 8, current - (total - style.columns));
    }
  }
  const lastIndex = columns.length - 1;
  const pad = (text: string, i: number, styled: string) => (i === lastIndex ? styled : styled + ' '.repeat(Math.max(0, (widths[i] ?? 0) - visibleLength(text))));
  const header = columns.map((column, i) => pad(column.header, i, style.palette.bold(column.header))).join(' '.repeat(gap));
  const lines = rows.map((row, r) =>
    columns
      .map((column, i) => {
        const text = truncate(cells[r]?.[i] ?? '', widths[i] ?? 0);
        return pad(text, i, column.style ? column.style(text, row, style.palette) : text);
      })
      .join(' '.repeat(gap)),
  );
  return [header, ...lines].map((line) => `${line.trimEnd()}\n`).join('');
}

/** Renders one object as "Label  value" lines on a terminal, or `key<TAB>value` lines when piped. */
export function renderDetails<T>(row: T, fields: readonly Column<T>[], style: TableStyle): string {
  if (!style.tty) return fields.map((field) => `${field.key}\t${cellText(field, row, style)}\n`).join('');
  const width = Math.max(...fields.map((f) => f.header.length)) + 1;
  return fields
    .map((field) => {
      const raw = field.value(row);
      let text = cellText(field, row, style);
      if (field.kind === 'time' && typeof raw === 'string' && raw !== '') text = `${raw} (${text})`;
      const styled = field.style ? field.style(text, row, style.palette) : text;
      return `${style.palette.bold(`${field.header}:`.padEnd(width))}  ${styled}\n`;
    })
    .join('');
}
