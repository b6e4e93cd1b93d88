import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';

/** A target a figure is compared with. A miss is reported, never fatal: the machine is noisy. */
export interface Target {
  readonly comparison: '>=' | '<=';
  readonly value: number;
}

export interface Figure {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: Target;
  /** Set when there is a target. */
  readonly pass?: boolean;
}

/** One measured section: a building block or the end-to-end run. */
export interface SectionResult {
  readonly id: string;
  readonly title: string;
  /**
   * Headline numbers. Every building-block figure is a measurement expected to be finite and > 0
   * (bench.test.ts checks it); end-to-end figures such as idle CPU may legitimately be 0.
   */
  readonly figures: Record<string, Figure>;
  /** Parameters, sample counts, error counts and the raw summaries behind the figures. */
  readonly details: Record<string, unknown>;
}

/**
 * Some figures of a section were measured and others could not be: the section is reported as
 * far as it got, and the run still fails.
 */
export class PartialSectionError extends Error {
  override readonly name = 'PartialSectionError';
  readonly section: SectionResult;

  constructor(section: SectionResult, message: string) {
    super(message);
    this.section = section;
  }
}

export interface SkippedSection {
  readonly id: string;
  readonly title: string;
  readonly skipped: string;
}

export interface HostInfo {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly totalMemoryBytes: number;
  readonly loadAverageAtStart: readonly number[];
  readonly loadAverageAtEnd?: readonly number[];
  readonly node: string;
  readonly platform: string;
}

export interface BenchReport {
  readonly version: 1;
  readonly startedAt: string;
  finishedAt?: string;
  readonly mode: 'quick' | 'full';
  readonly only: 'all' | 'blocks' | 'e2e' | 'agent';
  host: HostInfo;
  readonly blocks: Record<string, SectionResult | SkippedSection>;
  e2e?: SectionResult | SkippedSection;
  /** Cancel and approval latency of the agent loop across gateway replicas. */
  agent?: SectionResult | SkippedSection;
  /** End-to-end figures relative to the building blocks, with targets. */
  readonly ratios: Record<string, Figure>;
}

export function figure(label: string, value: number, unit: string, target?: Target): Figure {
  if (target === undefined) return { label, value, unit };
  const pass = target.comparison === '>=' ? value >= target.value : value <= target.value;
  return { label, value, unit, target, pass };
}

export function hostInfo(): HostInfo {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    totalMemoryBytes: totalmem(),
    loadAverageAtStart: loadavg(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Three significant digits below 100, whole numbers above: enough for noisy figures. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return Math.round(value).toLocaleString('en-US');
  if (magnitude === 0) return '0';
  return Number(value.toPrecision(3)).toString();
}

function targetText(target: Target | undefined): string {
  return target === undefined ? '' : `${target.comparison} ${formatNumber(target.value)}`;
}

function markText(item: Figure): string {
  if (item.pass === undefined) return '';
  return item.pass ? 'pass' : 'MISS';
}

function isSkipped(section: SectionResult | SkippedSection): section is SkippedSection {
  return 'skipped' in section;
}

/** The table printed at the end of a run. */
export function renderTable(report: BenchReport): string {
  const rows: string[][] = [];
  const sectionRows = (section: SectionResult | SkippedSection): void => {
    if (isSkipped(section)) {
      rows.push([section.id, `skipped: ${section.skipped}`, '', '', '', '']);
      return;
    }
    for (const item of Object.values(section.figures)) {
      rows.push([
        section.id,
        item.label,
        formatNumber(item.value),
        item.unit,
        targetText(item.target),
        markText(item),
      ]);
    }
  };
  for (const section of Object.values(report.blocks)) sectionRows(section);
  if (report.e2e !== undefined) sectionRows(report.e2e);
  for (const item of Object.values(report.ratios)) {
    rows.push([
      'ratio',
      item.label,
      formatNumber(item.value),
      item.unit,
      targetText(item.target),
      markText(item),
    ]);
  }
  // After the ratios, which belong to the end-to-end section above them.
  if (report.agent !== undefined) sectionRows(report.agent);

  const header = ['section', 'figure', 'value', 'unit', 'target', 'result'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]): string =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        // Numbers right-aligned, text left-aligned.
        return column === 2 ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const { host } = report;
  const title =
    `Palyra bench (${report.mode}, ${report.only}) on ${host.cpus} x ${host.cpuModel}, ` +
    `load ${host.loadAverageAtStart.map((value) => value.toFixed(2)).join(' ')}, node ${host.node}`;
  let previous = '';
  const body = rows.map((row) => {
    // A blank line between sections keeps the table readable.
    const separator = previous !== '' && previous !== row[0] ? '\n' : '';
    previous = row[0] ?? '';
    return separator + line(row);
  });
  return [title, '', line(header), line(widths.map((width) => '-'.repeat(width))), ...body].join('\n');
}

export function writeReport(path: string, report: BenchReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
