import { Box, type SxProps, type Theme } from '@mui/material';
import { useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { z } from 'zod';
import { useRemembered } from '../use-remembered';

/** The least a pane keeps. */
export const paneMinHeight = 160;
// The app bar, the page's title and a few rows of the list stay in view above the pane.
const keptAbove = 200;
const keyStep = 32;

/** The tallest a pane may grow in a window `windowHeight` high (the full window is a button). */
export function paneMaxHeight(windowHeight: number): number {
  return Math.max(paneMinHeight, windowHeight - keptAbove);
}

export function clampHeight(height: number, max: number): number {
  return Math.round(Math.min(max, Math.max(paneMinHeight, height)));
}

const heightSchema = z.number().positive();

/**
 * A pane under a list whose top edge is a splitter: drag it, or focus it and press Up and Down
 * (Page Up and Page Down for bigger steps, Home and End for the least and the most), to share
 * the height between the list and the pane. The height is remembered under `storageKey`.
 */
export function ResizablePane({
  storageKey,
  label,
  defaultHeight,
  testId,
  sx,
  children,
}: {
  storageKey: string;
  /** What the pane shows, for the splitter's name: "Resize container details". */
  label: string;
  defaultHeight: number;
  testId?: string;
  sx?: SxProps<Theme>;
  children: ReactNode;
}) {
  const [height, setHeight] = useRemembered(`pane.${storageKey}`, heightSchema, defaultHeight);
  const drag = useRef<{ startY: number; startHeight: number } | undefined>(undefined);
  const maxHeight = () => paneMaxHeight(window.innerHeight);
  const resize = (next: number) => setHeight(clampHeight(next, maxHeight()));

  const onKeyDown = (event: KeyboardEvent) => {
    const steps: Record<string, number> = {
      ArrowUp: keyStep,
      ArrowDown: -keyStep,
      PageUp: keyStep * 4,
      PageDown: -keyStep * 4,
    };
    const step = steps[event.key];
    if (step !== undefined) resize(height + step);
    else if (event.key === 'Home') resize(paneMinHeight);
    else if (event.key === 'End') resize(maxHeight());
    else return;
    event.preventDefault();
  };
  const onPointerDown = (event: PointerEvent<HTMLElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startY: event.clientY, startHeight: height };
  };
  const onPointerMove = (event: PointerEvent) => {
    if (!drag.current) return;
    // Dragging up makes the pane taller.
    resize(drag.current.startHeight + drag.current.startY - event.clientY);
  };
  const endDrag = () => {
    drag.current = undefined;
  };

  return (
    <Box
      data-testid={testId}
      sx={[
        { height, flexShrink: 0, display: 'flex', flexDirection: 'column', minHeight: 0 },
        ...(Array.isArray(sx) ? sx : [sx]),
      ]}
    >
      <Box
        role="separator"
        aria-orientation="horizontal"
        aria-label={`Resize ${label}`}
        aria-valuenow={height}
        aria-valuemin={paneMinHeight}
        aria-valuemax={maxHeight()}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        sx={{
          height: 10,
          mt: -1,
          flexShrink: 0,
          cursor: 'row-resize',
          touchAction: 'none',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          '&::after': {
            content: '""',
            width: 48,
            height: 4,
            borderRadius: 2,
            bgcolor: 'divider',
          },
          '&:hover::after, &:focus-visible::after': { bgcolor: 'primary.main' },
          '&:focus-visible': { outline: 'none' },
        }}
      />
      {children}
    </Box>
  );
}
