import { Box } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

/**
 * A scrolling box that draws only the items in view (and a few around them), each measured
 * as drawn, so a zone of hundreds of instances costs what fits on the screen.
 */
export function WindowedList<T>({
  items,
  itemKey,
  estimatedHeight,
  maxHeight,
  gap = 0,
  label,
  testId,
  renderItem,
}: {
  items: readonly T[];
  itemKey(item: T): string;
  estimatedHeight: number;
  maxHeight: number;
  /** Space under each item, in pixels. */
  gap?: number;
  label: string;
  testId?: string;
  renderItem(item: T): ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimatedHeight + gap,
    overscan: 1,
    // Items render in a task of their own after the scroll event rather than inside it.
    useFlushSync: false,
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? index : itemKey(item);
    },
  });
  return (
    <Box
      ref={scrollRef}
      role="region"
      aria-label={label}
      tabIndex={0}
      data-testid={testId}
      data-count={items.length}
      sx={{
        maxHeight,
        overflow: 'auto',
        '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const item = items[virtual.index];
          if (item === undefined) return null;
          return (
            <div
              key={virtual.key}
              data-index={virtual.index}
              ref={virtualizer.measureElement}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                paddingBottom: gap,
                transform: `translateY(${virtual.start}px)`,
              }}
            >
              {renderItem(item)}
            </div>
          );
        })}
      </div>
    </Box>
  );
}
