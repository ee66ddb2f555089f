import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { TimelineEntry } from '../timeline/schema.js';

/**
 * A topic's timeline as a PNG: one bar per episode on a date axis, its height the topic's weight in
 * that episode, the tallest few labelled with their episode's title (a picture has no hover).
 * Drawn without a browser: ECharts' server-side SVG renderer, rasterised by resvg (a Rust binary
 * shipped inside its npm package), with a font shipped in an npm package so CI machines without
 * system fonts draw the same labels.
 */

/** The font every label is drawn in: DejaVu Sans, from the `dejavu-fonts-ttf` package (no system font is read). */
export const CHART_FONT_FILE = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_FAMILY = 'DejaVu Sans';

export interface ChartOptions {
  /** Pixels; the PNG is drawn at this size. */
  width?: number;
  height?: number;
  /** How many of the tallest bars carry their episode's title. */
  labelled?: number;
  /** The chart's heading. */
  title?: string;
}

export const CHART_DEFAULTS = { width: 1200, height: 520, labelled: 4 } as const;
/** A title longer than this is cut with `…` on the chart. */
const LABEL_CHARS = 32;

/**
 * Past this many episodes, bars are months (their episodes' weights summed, named by the heaviest):
 * hundreds of hair-thin bars say less, and ECharts' SVG took over a second for 400 on a loaded machine.
 */
export const MAX_BARS = 120;

function byMonthWhenMany(entries: readonly TimelineEntry[]): readonly TimelineEntry[] {
  if (entries.length <= MAX_BARS) return entries;
  const months = new Map<string, { heaviest: TimelineEntry; weight: number }>();
  for (const entry of entries) {
    const month = `${(entry.published as string).slice(0, 7)}-15`;
    const bar = months.get(month) ?? { heaviest: entry, weight: 0 };
    if (entry.weight > bar.heaviest.weight) bar.heaviest = entry;
    bar.weight += entry.weight;
    months.set(month, bar);
  }
  return [...months].map(([month, { heaviest, weight }]) => ({ ...heaviest, published: month, weight }));
}

const cut = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/** The chart as SVG text (ECharts SSR). Undated episodes cannot stand on a date axis and are left out. */
export function timelineSvg(entries: readonly TimelineEntry[], options: ChartOptions = {}): string {
  const { width, height, labelled } = { ...CHART_DEFAULTS, ...options };
  const dated = byMonthWhenMany(entries.filter((entry) => entry.published !== null));
  const tallest = new Set(
    [...dated]
      .sort((a, b) => b.weight - a.weight)
      .slice(0, labelled)
      .map((entry) => entry.episodeId),
  );
  // A margin of the span (at least a fortnight) each side, so the first and last bars stand inside the axis.
  const times = dated.map((entry) => Date.parse(entry.published as string));
  const pad = Math.max(14 * 86_400_000, (Math.max(...times) - Math.min(...times)) * 0.03);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY },
      title: options.title
        ? {
            text: cut(options.title, 80),
            left: 16,
            top: 10,
            textStyle: { fontSize: 18, fontFamily: FONT_FAMILY },
          }
        : undefined,
      grid: { left: 56, right: 40, top: options.title ? 84 : 48, bottom: 44 },
      xAxis: {
        type: 'time',
        ...(times.length ? { min: Math.min(...times) - pad, max: Math.max(...times) + pad } : {}),
        axisLabel: { fontSize: 13, color: '#444', hideOverlap: true },
        splitLine: { show: false },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { fontSize: 12, color: '#666' },
        splitLine: { lineStyle: { color: '#eee' } },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 14,
          barMinWidth: 4,
          itemStyle: { color: '#5865f2' },
          labelLayout: { hideOverlap: true },
          data: dated.map((entry) => ({
            value: [entry.published, entry.weight],
            ...(tallest.has(entry.episodeId)
              ? {
                  label: {
                    show: true,
                    position: 'top',
                    formatter: cut(entry.title, LABEL_CHARS),
                    fontSize: 12,
                    color: '#222',
                    backgroundColor: 'rgba(255,255,255,0.85)',
                    padding: [2, 4],
                  },
                }
              : {}),
          })),
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** An SVG rasterised to PNG bytes with the shipped font. */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [CHART_FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  });
  return resvg.render().asPng();
}

/**
 * The chart as a PNG of at most `maxBytes`: drawn at the asked size, then smaller until it fits (a
 * bar chart is tens of kilobytes, far below any upload limit, but the limit is a contract).
 */
export function timelinePng(
  entries: readonly TimelineEntry[],
  options: ChartOptions & { maxBytes?: number } = {},
): Buffer {
  const { maxBytes = Number.POSITIVE_INFINITY, ...chart } = options;
  let width: number = chart.width ?? CHART_DEFAULTS.width;
  let height: number = chart.height ?? CHART_DEFAULTS.height;
  for (;;) {
    const png = svgToPng(timelineSvg(entries, { ...chart, width, height }));
    if (png.length <= maxBytes || width < 200) return png;
    width = Math.floor(width * 0.7);
    height = Math.floor(height * 0.7);
  }
}
