import { Box, Typography } from '@mui/material';
import { useDarkMode } from '../../common/use-dark-mode';
import { useMemo, useState } from 'react';
import type { ImageStack } from '../../../shared';
import { formatBytes, plural } from '../../common/format';
import { darkPalette, lightPalette, type SharingPalette } from './palette';
import { defaultLayout, layoutSharing, type LayerBlock } from './sharing-layout';

const pad = 16;
const { columnWidth } = defaultLayout;
const headroom = 28;
const footer = 48;

type Focus = { kind: 'layer'; block: LayerBlock } | { kind: 'container'; text: string };

/**
 * The chosen images side by side as stacks of layers drawn to scale, oldest at the bottom.
 * A layer that several images share (same ChainID) is one block across their stacks; each
 * image's containers sit on top as thin read-write layers.
 */
export function SharingDiagram({ stacks }: { stacks: readonly ImageStack[] }) {
  const dark = useDarkMode();
  const palette = dark ? darkPalette : lightPalette;
  const layout = useMemo(() => layoutSharing(stacks), [stacks]);
  const [focus, setFocus] = useState<Focus | undefined>(undefined);
  const names = new Map(stacks.map((stack) => [stack.id, stack.name]));
  const baseline = headroom + layout.height;
  const width = layout.width + pad * 2;
  const height = baseline + footer;
  const highlighted = focus?.kind === 'layer' ? focus.block.chainId : undefined;

  return (
    <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <Box sx={{ overflowX: 'auto', maxWidth: '100%' }}>
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="group"
          aria-label={`Layers of ${plural(stacks.length, 'image')}`}
          data-testid="sharing-diagram"
          style={{ display: 'block', fontFamily: 'inherit' }}
        >
          <line
            x1={pad - 6}
            x2={width - pad + 6}
            y1={baseline + 0.5}
            y2={baseline + 0.5}
            stroke={palette.axis}
          />
          {layout.blocks.map((block) => (
            <Block
              key={`${block.chainId}:${block.x}`}
              block={block}
              palette={palette}
              baseline={baseline}
              highlighted={highlighted === block.chainId}
              names={names}
              onFocus={() => setFocus({ kind: 'layer', block })}
              onBlur={() => setFocus(undefined)}
            />
          ))}
          {layout.columns.map((column) => (
            <g key={column.image.id} data-testid="image-column" data-image-id={column.image.id}>
              {column.containers.map((container) => {
                const text = `${container.name} (${container.state}): read-write layer ${formatBytes(container.sizeRw)}`;
                return (
                  <rect
                    key={container.id}
                    data-testid="container-layer"
                    data-container-id={container.id}
                    tabIndex={0}
                    aria-label={`Container ${text}`}
                    x={pad + column.x + 10}
                    y={baseline - container.bottom - container.height}
                    width={columnWidth - 20}
                    height={container.height}
                    rx={2}
                    fill={palette.container.fill}
                    stroke={palette.container.stroke}
                    onMouseEnter={() => setFocus({ kind: 'container', text })}
                    onMouseLeave={() => setFocus(undefined)}
                    onFocus={() => setFocus({ kind: 'container', text })}
                    onBlur={() => setFocus(undefined)}
                  >
                    <title>{text}</title>
                  </rect>
                );
              })}
              {column.hiddenContainers > 0 && (
                <text
                  x={pad + column.x + columnWidth / 2}
                  y={baseline - column.top - 6 - (column.containers.at(-1)?.height ?? 0) - 10}
                  textAnchor="middle"
                  fontSize={11}
                  fontWeight={600}
                  fill={palette.label}
                  stroke={palette.halo}
                  strokeWidth={4}
                  strokeLinejoin="round"
                  paintOrder="stroke"
                  data-testid="hidden-containers"
                >
                  +{plural(column.hiddenContainers, 'container')}
                </text>
              )}
              <text
                x={pad + column.x + columnWidth / 2}
                y={baseline + 18}
                textAnchor="middle"
                fontSize={12}
                fontWeight={600}
                fill={palette.label}
              >
                <title>{column.image.name}</title>
                {shorten(column.image.name.slice(column.image.name.lastIndexOf('/') + 1), 19)}
              </text>
              <text
                x={pad + column.x + columnWidth / 2}
                y={baseline + 34}
                textAnchor="middle"
                fontSize={11}
                fill={palette.muted}
              >
                {formatBytes(column.image.sharedBytes + column.image.uniqueBytes)}
                {column.image.containers.length > 0
                  ? ` · ${column.image.containers.length} ctr`
                  : ''}
              </text>
            </g>
          ))}
        </svg>
      </Box>
      <Box
        sx={{ flex: '1 1 240px', minWidth: 240, display: 'flex', flexDirection: 'column', gap: 2 }}
      >
        <Legend palette={palette} />
        <Box
          aria-live="polite"
          data-testid="layer-details"
          sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, minHeight: 96 }}
        >
          {focus?.kind === 'layer' ? (
            <LayerDetails block={focus.block} names={names} />
          ) : focus?.kind === 'container' ? (
            <Typography variant="body2">{focus.text}</Typography>
          ) : (
            <Typography variant="body2" color="text.secondary">
              Point at a layer, or move to it with Tab, to see the instruction that made it and
              which images share it.
            </Typography>
          )}
        </Box>
      </Box>
    </Box>
  );
}

function Block(props: {
  block: LayerBlock;
  palette: SharingPalette;
  baseline: number;
  highlighted: boolean;
  names: Map<string, string>;
  onFocus(): void;
  onBlur(): void;
}) {
  const { block, palette } = props;
  const shared = block.images.length > 1;
  const colours = shared ? palette.shared : palette.unique;
  const y = props.baseline - block.bottom - block.height;
  const label = `Layer ${block.depth + 1}${shared ? `, shared by ${plural(block.images.length, 'image')}` : ''}: ${block.instruction || 'no instruction'}, ${formatBytes(block.size)}`;
  const showSize = block.height >= 15;
  const showShared = shared && block.height >= 30;
  const centre = pad + block.x + block.width / 2;
  return (
    <g
      tabIndex={0}
      aria-label={label}
      data-testid="layer-block"
      data-chain-id={block.chainId}
      data-images={block.images.join(' ')}
      data-shared={shared ? 'true' : 'false'}
      onMouseEnter={props.onFocus}
      onMouseLeave={props.onBlur}
      onFocus={props.onFocus}
      onBlur={props.onBlur}
      style={{ cursor: 'default', outline: 'none' }}
    >
      <rect
        x={pad + block.x}
        y={y + 0.5}
        width={block.width}
        height={Math.max(1, block.height - 1)}
        rx={3}
        fill={block.depth % 2 === 0 ? colours.fill : colours.alternate}
        stroke={props.highlighted ? palette.highlight : colours.stroke}
        strokeWidth={props.highlighted ? 2.5 : 1}
      />
      {showSize && (
        <text
          x={centre}
          y={y + block.height / 2 + (showShared ? -2 : 4)}
          textAnchor="middle"
          fontSize={12}
          fill={colours.text}
          pointerEvents="none"
        >
          {formatBytes(block.size)}
        </text>
      )}
      {showShared && (
        <text
          x={centre}
          y={y + block.height / 2 + 13}
          textAnchor="middle"
          fontSize={11}
          fill={colours.text}
          opacity={0.8}
          pointerEvents="none"
        >
          shared by {block.images.length}
        </text>
      )}
    </g>
  );
}

function LayerDetails({ block, names }: { block: LayerBlock; names: Map<string, string> }) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
      <Typography variant="subtitle2">
        Layer {block.depth + 1} · {formatBytes(block.size)}
      </Typography>
      <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-word' }}>
        {block.instruction || 'No instruction recorded'}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {block.images.length > 1
          ? `Shared by ${block.images.map((id) => names.get(id) ?? id).join(', ')}`
          : `Only in ${names.get(block.images[0] ?? '') ?? 'this image'}`}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
        ChainID {block.chainId.slice(7, 19)}
      </Typography>
    </Box>
  );
}

function Legend({ palette }: { palette: SharingPalette }) {
  const items = [
    {
      label: 'Shared with another image',
      fill: palette.shared.fill,
      stroke: palette.shared.stroke,
    },
    { label: 'Only in this image', fill: palette.unique.fill, stroke: palette.unique.stroke },
    {
      label: 'Container read-write layer',
      fill: palette.container.fill,
      stroke: palette.container.stroke,
    },
  ];
  return (
    <Box component="ul" aria-label="Legend" sx={{ m: 0, p: 0, listStyle: 'none' }}>
      {items.map((item) => (
        <Box component="li" key={item.label} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <svg width={22} height={12} aria-hidden="true">
            <rect
              x={0.5}
              y={0.5}
              width={21}
              height={11}
              rx={2}
              fill={item.fill}
              stroke={item.stroke}
            />
          </svg>
          <Typography variant="body2">{item.label}</Typography>
        </Box>
      ))}
      <Typography variant="caption" color="text.secondary">
        Heights are to scale: bytes of each layer, oldest at the bottom.
      </Typography>
    </Box>
  );
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
