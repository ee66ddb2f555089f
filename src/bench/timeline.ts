import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import pino from 'pino';
import { EpisodeLibrary } from '../answers/library.js';
import { CHART_FONT_FILE, svgToPng, timelineSvg } from '../chart/timelineChart.js';
import { type Io, UsageError, createProgram, execute, main } from '../terminal/cli.js';
import type { TimelineEntry } from '../timeline/schema.js';
import { queryMix, random, vocabulary } from './corpus.js';
import { writeCatalogue } from './main.js';

/**
 * `npm run bench:timeline [-- --size 300000]`: on a synthetic catalogue, the timeline engine's
 * latency over a mix of topics (p50, p99, episodes listed, search rounds), then the chart: ECharts
 * SSR SVG + resvg, beside a hand-built SVG + resvg (the alternative measured), on the largest
 * timelines. Writes bench-results/timeline.{json,md}.
 */

function percentiles(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted.at(-1) ?? 0) };
}
const round = (ms: number) => Math.round(ms * 100) / 100;
/**
 * The work's result and its CPU time in ms (user + system of this process): on a machine shared with
 * other jobs, wall time measures the queue for a core as much as the work.
 */
const time = <T>(work: () => T): [T, number] => {
  const start = process.cpuUsage();
  const value = work();
  const { user, system } = process.cpuUsage(start);
  return [value, (user + system) / 1000];
};

/**
 * The alternative to ECharts: bars and labels written as SVG by hand (no axis ticks beyond years, no
 * label collision handling): the least a chart can be, to see what ECharts costs.
 */
export function handBuiltSvg(entries: readonly TimelineEntry[], width = 1200, height = 520): string {
  const dated = entries.filter((e) => e.published);
  const times = dated.map((e) => Date.parse(e.published as string));
  const [t0, t1] = [Math.min(...times), Math.max(...times) + 1];
  const top = Math.max(...dated.map((e) => e.weight), 1);
  const x = (t: number) => 56 + ((t - t0) / (t1 - t0)) * (width - 96);
  const y = (w: number) => height - 44 - (w / top) * (height - 100);
  const tallest = new Set([...dated].sort((a, b) => b.weight - a.weight).slice(0, 4));
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const bars = dated.map((e, i) => {
    const bx = x(times[i] as number);
    const label = tallest.has(e)
      ? `<text x="${bx}" y="${y(e.weight) - 6}" font-size="12" text-anchor="middle">${escape(e.title.slice(0, 32))}</text>`
      : '';
    return `<rect x="${bx - 4}" y="${y(e.weight)}" width="8" height="${height - 44 - y(e.weight)}" fill="#5865f2"/>${label}`;
  });
  const years = [];
  for (let year = new Date(t0).getUTCFullYear() + 1; Date.UTC(year, 0) < t1; year++)
    years.push(
      `<text x="${x(Date.UTC(year, 0))}" y="${height - 24}" font-size="13" text-anchor="middle">${year}</text>`,
    );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans"><rect width="100%" height="100%" fill="#fff"/><line x1="56" x2="${width - 40}" y1="${height - 44}" y2="${height - 44}" stroke="#333"/>${bars.join('')}${years.join('')}</svg>`;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const program = createProgram('bench:timeline', 'Measure the timeline engine and its chart.', io)
    .option('--size <n>', 'passages in the synthetic catalogue', '300000')
    .option('--topics <n>', 'topics in the mix', '300')
    .option('--out <dir>', 'where to write timeline.json and timeline.md', 'bench-results')
    .action(async (flags: { size: string; topics: string; out: string }) => {
      const size = Number(flags.size);
      if (!Number.isInteger(size) || size < 100)
        throw new UsageError(`--size: expected a whole number of at least 100, got "${flags.size}"`);
      const dataDir = await mkdtemp(join(tmpdir(), 'podqa-bench-timeline-'));
      io.err(`generating ${size} passages…`);
      const texts = await writeCatalogue(dataDir, size);
      io.err('building the index…');
      const library = await EpisodeLibrary.rebuild({ dataDir, logger: pino({ level: 'silent' }) });
      await rm(dataDir, { recursive: true, force: true });
      // Answerable topics of 1–3 words from the passages, and the catalogue's commonest words (a topic in most episodes).
      const topics = [
        ...queryMix(random(11), vocabulary(random(1)), texts, Number(flags.topics))
          .filter((_, i) => i % 4 === 0)
          .map((q) => q.split(' ').slice(0, 3).join(' ')),
        'market growth',
        'chips',
        'data power',
        'company deal',
        'price',
      ];
      library.timeline('warm up');
      const samples: number[] = [];
      const listed: number[] = [];
      let biggest = library.timeline(topics[0] as string);
      for (const topic of topics) {
        const [timeline, ms] = time(() => library.timeline(topic));
        samples.push(ms);
        listed.push(timeline.entries.length);
        if (timeline.entries.length > biggest.entries.length) biggest = timeline;
      }
      const charts = {
        echarts: [] as number[],
        echartsSvg: [] as number[],
        handBuilt: [] as number[],
        pngBytes: 0,
      };
      const entries = biggest.entries.slice(0, 400);
      const sizes = [entries, entries.slice(0, 50), entries.slice(0, 10)];
      svgToPng(timelineSvg(entries));
      for (let i = 0; i < 30; i++) {
        const chartEntries = sizes[i % sizes.length] as TimelineEntry[];
        const [svg, svgMs] = time(() => timelineSvg(chartEntries, { title: 'a topic across the episodes' }));
        const [png, pngMs] = time(() => svgToPng(svg));
        charts.echartsSvg.push(svgMs);
        charts.echarts.push(svgMs + pngMs);
        charts.pngBytes = Math.max(charts.pngBytes, png.length);
        charts.handBuilt.push(
          time(() =>
            new Resvg(handBuiltSvg(chartEntries), {
              font: {
                fontFiles: [CHART_FONT_FILE],
                loadSystemFonts: false,
                defaultFontFamily: 'DejaVu Sans',
              },
            })
              .render()
              .asPng(),
          )[1],
        );
      }
      const result = {
        measuredAt: new Date().toISOString(),
        node: process.version,
        passages: library.report.passages,
        episodes: library.report.episodes,
        topics: topics.length,
        timeline: { ...percentiles(samples), episodesListed: percentiles(listed) },
        chart: {
          bars: sizes.map((s) => s.length),
          echartsSvgPng: percentiles(charts.echarts),
          echartsSvgOnly: percentiles(charts.echartsSvg),
          handBuiltSvgPng: percentiles(charts.handBuilt),
          largestPngKb: Math.round(charts.pngBytes / 102.4) / 10,
        },
      };
      const table = [
        `Timeline bench: ${result.passages.toLocaleString('en-US')} passages, ${result.episodes.toLocaleString('en-US')} episodes, ${result.topics} topics (${result.node})`,
        '',
        '| figure (CPU time of this process: other jobs on the machine do not count) | p50 | p99 | max |',
        '|---|---|---|---|',
        `| timeline engine (ms) | ${result.timeline.p50} | ${result.timeline.p99} | ${result.timeline.max} |`,
        `| episodes listed per topic | ${result.timeline.episodesListed.p50} | ${result.timeline.episodesListed.p99} | ${result.timeline.episodesListed.max} |`,
        `| chart: ECharts SVG + resvg PNG (ms) | ${result.chart.echartsSvgPng.p50} | ${result.chart.echartsSvgPng.p99} | ${result.chart.echartsSvgPng.max} |`,
        `| chart: ECharts SVG alone (ms) | ${result.chart.echartsSvgOnly.p50} | ${result.chart.echartsSvgOnly.p99} | ${result.chart.echartsSvgOnly.max} |`,
        `| chart: hand-built SVG + resvg PNG (ms) | ${result.chart.handBuiltSvgPng.p50} | ${result.chart.handBuiltSvgPng.p99} | ${result.chart.handBuiltSvgPng.max} |`,
        '',
        `Charts of ${result.chart.bars.join(', ')} bars; largest PNG ${result.chart.largestPngKb} KB.`,
      ].join('\n');
      await mkdir(flags.out, { recursive: true });
      await writeFile(join(flags.out, 'timeline.json'), `${JSON.stringify(result, null, 2)}\n`);
      await writeFile(join(flags.out, 'timeline.md'), `${table}\n`);
      io.out(table);
    });
  return execute(program, argv, io);
}

if (import.meta.url === `file://${process.argv[1]}`) main(run);
