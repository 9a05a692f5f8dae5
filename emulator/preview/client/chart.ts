/**
 * Draws an embedded chart as Sheets shows it on the sheet: a white card with the title, the axes and one bar (or
 * line point) per domain value. SVG built node by node (text through textContent), so a title from a sheet is text.
 */
import type { ChartView } from '../views';

const NS = 'http://www.w3.org/2000/svg';
const COLORS = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6'];
// Sheets' default size for an embedded chart (600 × 371 px), over default 100 px columns and 21 px rows.
export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 371;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A round step for the value axis: 1, 2 or 5 × 10^n giving about five gridlines. */
function step(max: number): number {
  if (max <= 0) return 1;
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? p * 10;
}

export function drawChart(chart: ChartView): SVGSVGElement {
  const root = svg('svg', { width: CHART_WIDTH, height: CHART_HEIGHT, viewBox: `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`, role: 'img', class: 'chart', 'data-type': chart.type });
  root.appendChild(svg('title', {}, chart.title || 'グラフ'));
  root.appendChild(svg('rect', { x: 0, y: 0, width: CHART_WIDTH, height: CHART_HEIGHT, fill: '#fff', stroke: '#dadce0' }));
  root.appendChild(svg('text', { x: 16, y: 26, 'font-size': 14, fill: '#202124', class: 'chart-title' }, chart.title));
  const left = 48;
  const top = 44;
  const right = CHART_WIDTH - 16;
  const bottom = CHART_HEIGHT - 36;
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const s = step(Math.max(0, ...values));
  const max = Math.max(s, Math.ceil(Math.max(0, ...values) / s) * s);
  const y = (v: number) => bottom - ((bottom - top) * v) / max;
  for (let v = 0; v <= max + 1e-9; v += s) {
    root.appendChild(svg('line', { x1: left, x2: right, y1: y(v), y2: y(v), stroke: v === 0 ? '#5f6368' : '#e0e0e0' }));
    root.appendChild(svg('text', { x: left - 6, y: y(v) + 4, 'font-size': 11, 'text-anchor': 'end', fill: '#5f6368' }, String(Math.round(v * 100) / 100)));
  }
  const n = Math.max(1, chart.categories.length);
  const band = (right - left) / n;
  const seriesCount = Math.max(1, chart.series.length);
  const barWidth = Math.min(40, (band * 0.7) / seriesCount);
  chart.categories.forEach((category, i) => {
    const cx = left + band * (i + 0.5);
    root.appendChild(svg('text', { x: cx, y: bottom + 16, 'font-size': 11, 'text-anchor': 'middle', fill: '#5f6368' }, category));
    chart.series.forEach((series, k) => {
      const v = series.values[i];
      if (v === null || v === undefined) return;
      const x = cx - (barWidth * seriesCount) / 2 + k * barWidth;
      if (chart.type === 'LINE') {
        root.appendChild(svg('circle', { cx, cy: y(v), r: 3, fill: COLORS[k % COLORS.length]!, class: 'point' }));
      } else {
        const bar = svg('rect', { x, y: y(v), width: barWidth, height: bottom - y(v), fill: COLORS[k % COLORS.length]!, class: 'bar', 'data-value': v });
        bar.appendChild(svg('title', {}, `${category}: ${v}`));
        root.appendChild(bar);
      }
    });
  });
  if (chart.type === 'LINE') {
    chart.series.forEach((series, k) => {
      const points = series.values.map((v, i) => (v === null ? null : `${left + band * (i + 0.5)},${y(v)}`)).filter((p) => p !== null).join(' ');
      root.appendChild(svg('polyline', { points, fill: 'none', stroke: COLORS[k % COLORS.length]!, 'stroke-width': 2 }));
    });
  }
  return root;
}
