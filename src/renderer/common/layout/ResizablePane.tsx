import { Box, type SxProps, type Theme } from '@mui/material';
import { useRef, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { z } from 'zod';
import { useRemembered } from '../use-remembered';

/** The least a pane and the list above it keep. */
export const paneMinHeight = 160;
const listMinHeight = 160;
const keyStep = 32;

/** The tallest a pane may grow in its parent: the list above it keeps some rows. */
export function paneMaxHeight(parentHeight: number): number {
  return Math.max(paneMinHeight, parentHeight - listMinHeight);
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
  const pane = useRef<HTMLDivElement>(null);
  const drag = useRef<{ startY: number; startHeight: number } | undefined>(undefined);
  const maxHeight = () =>
    paneMaxHeight(pane.current?.parentElement?.clientHeight || window.innerHeight);
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
      ref={pane}
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
