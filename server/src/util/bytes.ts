// Sizes as a person reads them, in decimal units (what download sizes and disk tools show): one formatter for the
// engine, the CLI and the extension's dialogs. (Caps on input files say their binary limits with boundedRead's sizeText.)

/** "13 kB", "154 MB", "2.5 GB", "85 GB"; never "0 kB" (something is there) nor "1000 kB". */
export function formatBytes(bytes: number): string {
  const kb = Math.max(1, Math.round(bytes / 1e3));
  if (kb < 1000) return `${kb} kB`;
  if (bytes < 1e9) return `${Math.round(bytes / 1e6)} MB`;
  return bytes < 1e10 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e9)} GB`;
}
