/** A sparkline (levels 0..63, see payload.ts) as a small SVG polyline for SvgWidget. */
export function sparklineSvg(levels: number[], width: number, height: number, color: string): string {
  if (levels.length < 2) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"></svg>`;
  const step = width / (levels.length - 1);
  const points = levels
    .map((level, i) => `${(i * step).toFixed(1)},${(height - 1 - (level / 63) * (height - 2)).toFixed(1)}`)
    .join(' ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${points}"/></svg>`
  );
}
