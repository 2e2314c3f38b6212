import type { ImageStack } from '../../../shared';

export interface LayoutOptions {
  columnWidth: number;
  gap: number;
  /** Height of the tallest stack of image layers, before minimum heights are added. */
  plotHeight: number;
  /** The least height of a layer, so that a 0-byte layer can still be seen and pointed at. */
  minLayerHeight: number;
  /** The least and most height of a container's read-write layer. */
  minContainerHeight: number;
  maxContainerHeight: number;
  /** Containers drawn per image; the others are counted. */
  maxContainers: number;
}

export const defaultLayout: LayoutOptions = {
  columnWidth: 132,
  gap: 20,
  plotHeight: 320,
  minLayerHeight: 6,
  minContainerHeight: 4,
  maxContainerHeight: 24,
  maxContainers: 6,
};

export interface LayerBlock {
  chainId: string;
  diffId: string;
  instruction: string;
  size: number;
  /** Position in every stack that has it (0 is the base layer). */
  depth: number;
  /** Ids of the images that have the layer, in column order. */
  images: string[];
  x: number;
  width: number;
  /** Distance of the block's bottom from the baseline, and its height. */
  bottom: number;
  height: number;
}

export interface ColumnLayout {
  image: ImageStack;
  x: number;
  /** Height of the image's layers. */
  top: number;
  containers: {
    id: string;
    name: string;
    state: string;
    sizeRw: number;
    bottom: number;
    height: number;
  }[];
  hiddenContainers: number;
}

export interface SharingLayout {
  columns: ColumnLayout[];
  blocks: LayerBlock[];
  width: number;
  /** Height of the tallest column, containers included. */
  height: number;
}

interface TrieNode {
  layer: ImageStack['layers'][number];
  depth: number;
  children: TrieNode[];
  /** Images whose stack ends here. */
  ending: ImageStack[];
}

/**
 * Lays images out as stacks of layers drawn to scale. Equal ChainIDs mean equal layers all
 * the way down, so the stacks form a tree of shared prefixes; putting the columns in the
 * order of a walk of that tree makes the images that share a layer neighbours, and the
 * layer is drawn once, one block across all of them, at the same height in each.
 */
export function layoutSharing(
  stacks: readonly ImageStack[],
  options: LayoutOptions = defaultLayout,
): SharingLayout {
  const roots: TrieNode[] = [];
  const baseImages: ImageStack[] = [];
  for (const stack of stacks) {
    let level = roots;
    let last: TrieNode | undefined;
    stack.layers.forEach((layer, depth) => {
      let node = level.find((candidate) => candidate.layer.chainId === layer.chainId);
      if (!node) level.push((node = { layer, depth, children: [], ending: [] }));
      last = node;
      level = node.children;
    });
    if (last) last.ending.push(stack);
    else baseImages.push(stack);
  }

  const maxBytes = Math.max(
    1,
    ...stacks.map((stack) => stack.layers.reduce((sum, layer) => sum + layer.size, 0)),
  );
  const scale = options.plotHeight / maxBytes;
  const heightOf = (bytes: number) => Math.max(options.minLayerHeight, bytes * scale);
  const step = options.columnWidth + options.gap;

  const columns: ColumnLayout[] = [];
  const blocks: LayerBlock[] = [];
  const place = (image: ImageStack, top: number) => {
    const x = columns.length * step;
    let bottom = top + 2;
    const drawn = image.containers.slice(0, options.maxContainers).map((container) => {
      const height = Math.min(
        options.maxContainerHeight,
        Math.max(options.minContainerHeight, container.sizeRw * scale),
      );
      const placed = { ...container, bottom, height };
      bottom += height + 2;
      return placed;
    });
    columns.push({
      image,
      x,
      top,
      containers: drawn,
      hiddenContainers: image.containers.length - drawn.length,
    });
  };
  const walk = (node: TrieNode, bottom: number): string[] => {
    const height = heightOf(node.layer.size);
    const first = columns.length;
    const images: string[] = [];
    for (const image of node.ending) {
      place(image, bottom + height);
      images.push(image.id);
    }
    for (const child of node.children) images.push(...walk(child, bottom + height));
    const last = Math.max(first, columns.length - 1);
    blocks.push({
      ...node.layer,
      depth: node.depth,
      images,
      x: first * step,
      width: (last - first) * step + options.columnWidth,
      bottom,
      height,
    });
    return images;
  };
  for (const image of baseImages) place(image, 0);
  for (const root of roots) walk(root, 0);

  const height = Math.max(
    0,
    ...columns.map((column) => {
      const top = column.containers.at(-1);
      return top ? top.bottom + top.height : column.top;
    }),
  );
  return {
    columns,
    blocks: blocks.sort((a, b) => a.depth - b.depth || a.x - b.x),
    width: Math.max(0, columns.length * step - options.gap),
    height,
  };
}
