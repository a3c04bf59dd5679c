/** The few ANSI styles rig uses; a no-op palette when colour is off. No dependency needed for this. */
export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const colorPalette: Palette = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};

const identity = (text: string) => text;
export const plainPalette: Palette = { bold: identity, dim: identity, red: identity, green: identity, yellow: identity, cyan: identity };

export function palette(enabled: boolean): Palette {
  return enabled ? colorPalette : plainPalette;
}

/** The text without ANSI colour escapes. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching the escape character is the point
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Printable width, ignoring ANSI escapes. */
export function visibleLength(text: string): number {
  return stripAnsi(text).length;
}
