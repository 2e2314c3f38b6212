import type { ImageAnalysis } from './analysis';
import type { EntryType } from './tree/model';
import { shownSizes } from './tree/link-sizes';

/** What `stowage layers IMAGE --json` prints. */
export interface LayersReport {
  image: { id: string; tags: string[]; size: number };
  layers: {
    index: number;
    diffId: string;
    createdBy: string;
    tarBytes: number;
    deltaBytes: number;
    added: number;
    modified: number;
    removed: number;
  }[];
  efficiency: number;
  wastedBytes: number;
  userWastedPercent: number;
  reclaimableBytes: number;
  inefficiencies: { path: string; count: number; cumulativeBytes: number }[];
}

/** One line of `stowage layers IMAGE --layer N --json`. */
export interface LayerChangeLine {
  path: string;
  change: 'added' | 'modified' | 'removed';
  type: EntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkTarget?: string;
}

/**
 * The report of an analysed image. The size is the sum of the layers' tar bytes, so an image
 * read from the engine and the same image read from a saved archive report the same figures.
 */
export function layersReport(
  image: { id: string; tags: readonly string[] },
  analysis: ImageAnalysis,
): LayersReport {
  const layers = analysis.layers.map(({ summary }) => ({
    index: summary.index,
    diffId: summary.diffId,
    createdBy: summary.instruction,
    tarBytes: summary.tarBytes,
    deltaBytes: summary.deltaBytes,
    added: summary.counts.added ?? 0,
    modified: summary.counts.modified ?? 0,
    removed: summary.counts.removed ?? 0,
  }));
  const { efficiency, wastedBytes, userWastedPercent, reclaimableBytes, inefficiencies } =
    analysis.waste;
  return {
    image: {
      id: image.id,
      tags: [...image.tags].sort(),
      size: layers.reduce((total, layer) => total + layer.tarBytes, 0),
    },
    layers,
    efficiency,
    wastedBytes,
    userWastedPercent,
    reclaimableBytes,
    inefficiencies,
  };
}

/** What layer `index` added, modified and removed, sorted by path (code-unit order). */
export function layerChangeLines(analysis: ImageAnalysis, index: number): LayerChangeLine[] {
  const layer = analysis.layers[index];
  if (!layer) {
    throw new RangeError(
      `--layer must be from 0 to ${analysis.layers.length - 1}: the image has ${analysis.layers.length} layers.`,
    );
  }
  const lines: LayerChangeLine[] = [];
  const sizeOf = shownSizes(layer.changes);
  for (const { path, kind, entry } of layer.changes) {
    if (kind === 'unmodified') continue;
    lines.push({
      path,
      change: kind,
      type: entry.type,
      size: sizeOf(entry),
      mode: entry.mode,
      uid: entry.uid,
      gid: entry.gid,
      ...(entry.linkTarget !== undefined ? { linkTarget: entry.linkTarget } : {}),
    });
  }
  return lines.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A CI rule's limit; `undefined` when the rule is off. */
export interface CiRules {
  lowestEfficiency?: number;
  highestWastedBytes?: number;
  highestUserWastedPercent?: number;
}

export const defaultCiRules: CiRules = { lowestEfficiency: 0.9, highestUserWastedPercent: 0.1 };

export interface CiResult {
  rule: string;
  passed: boolean;
  detail: string;
}

/** Each rule that is on, with whether the image passes it (dive's `--ci` rules). */
export function checkCiRules(report: LayersReport, rules: CiRules): CiResult[] {
  const results: CiResult[] = [];
  if (rules.lowestEfficiency !== undefined) {
    results.push({
      rule: 'lowest-efficiency',
      passed: report.efficiency >= rules.lowestEfficiency,
      detail: `efficiency ${ratio(report.efficiency)} (lowest allowed ${ratio(rules.lowestEfficiency)})`,
    });
  }
  if (rules.highestWastedBytes !== undefined) {
    results.push({
      rule: 'highest-wasted-bytes',
      passed: report.wastedBytes <= rules.highestWastedBytes,
      detail: `wasted ${formatSize(report.wastedBytes)} (highest allowed ${formatSize(rules.highestWastedBytes)})`,
    });
  }
  if (rules.highestUserWastedPercent !== undefined) {
    results.push({
      rule: 'highest-user-wasted-percent',
      passed: report.userWastedPercent <= rules.highestUserWastedPercent,
      detail: `user wasted ${percent(report.userWastedPercent)} (highest allowed ${percent(rules.highestUserWastedPercent)})`,
    });
  }
  return results;
}

const sizeUnits: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/** `20MB`, `1.5 GiB`, `4096` → bytes; undefined when the text is not a size. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = sizeUnits[match?.[2]?.toLowerCase() ?? 'none'];
  if (!match || unit === undefined) return undefined;
  return Math.round(Number(match[1]) * unit);
}

export function formatSize(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  for (const unit of ['B', 'kB', 'MB', 'GB']) {
    if (value < 1000 || unit === 'GB') {
      return `${sign}${unit === 'B' ? value : value.toFixed(value < 10 ? 2 : 1)} ${unit}`;
    }
    value /= 1000;
  }
  return `${bytes} B`;
}

const ratio = (value: number) => value.toFixed(4);
const percent = (value: number) => `${(value * 100).toFixed(2)} %`;

/** The readable summary `stowage layers IMAGE` prints. */
export function formatReport(report: LayersReport, inefficienciesShown = 10): string {
  const { image } = report;
  const name = image.tags[0] ?? image.id.slice(0, 19);
  const lines = [
    `${name}  ${image.id}`,
    `${report.layers.length} ${report.layers.length === 1 ? 'layer' : 'layers'}, ${formatSize(image.size)}`,
    '',
    row(['#', 'Size', 'Change', 'Added', 'Modified', 'Removed', 'Instruction']),
    ...report.layers.map((layer) =>
      row([
        String(layer.index),
        formatSize(layer.tarBytes),
        `${layer.deltaBytes >= 0 ? '+' : ''}${formatSize(layer.deltaBytes)}`,
        String(layer.added),
        String(layer.modified),
        String(layer.removed),
        oneLine(layer.createdBy, 80),
      ]),
    ),
    '',
    `Efficiency ${percent(report.efficiency)}  ·  wasted ${formatSize(report.wastedBytes)} ` +
      `(${percent(report.userWastedPercent)} of the layers above the first)  ·  ` +
      `reclaimable ${formatSize(report.reclaimableBytes)}`,
  ];
  const shown = report.inefficiencies.slice(0, inefficienciesShown);
  if (shown.length > 0) {
    lines.push('', 'Paths in more than one layer, largest first:');
    lines.push(row(['Count', 'Total', 'Path']));
    for (const item of shown) {
      lines.push(row([String(item.count), formatSize(item.cumulativeBytes), item.path]));
    }
    const more = report.inefficiencies.length - shown.length;
    if (more > 0) lines.push(`… and ${more} more (--json lists them all)`);
  }
  return `${lines.join('\n')}\n`;
}

const widths = [4, 10, 11, 7, 9, 8];

/** Right-aligned columns; the last one (an instruction or a path) is left as it is. */
function row(cells: string[]): string {
  return cells
    .map((cell, index) => (index === cells.length - 1 ? cell : cell.padStart(widths[index] ?? 0)))
    .join('  ');
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
