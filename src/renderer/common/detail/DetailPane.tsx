import CloseFullscreenIcon from '@mui/icons-material/CloseFullscreen';
import OpenInFullIcon from '@mui/icons-material/OpenInFull';
import { IconButton, Paper, Tooltip, type SxProps, type Theme } from '@mui/material';
import { createContext, use, useEffect, useRef, useState, type ReactNode } from 'react';
import { ResizablePane } from '../layout/ResizablePane';
import { useEscapeKey } from './use-escape-key';

const FullWindow = createContext<{ full: boolean; toggle(): void }>({
  full: false,
  toggle: () => undefined,
});

/**
 * The frame of a pane under a list that shows one item in depth. Its top edge resizes it
 * (remembered per pane, under `testId`); a `FullWindowButton` inside takes it to the full
 * window and back; Esc leaves the full window, then closes the pane.
 */
export function DetailPane({
  testId,
  label,
  defaultHeight,
  onClose,
  sx,
  children,
}: {
  testId: string;
  /** What the pane shows (an item's name): names the splitter and the full-window view. */
  label: string;
  defaultHeight: number;
  onClose(): void;
  /** The pane's own look (padding, gaps); it is a flex column. */
  sx?: SxProps<Theme>;
  children: ReactNode;
}) {
  const [full, setFull] = useState(false);
  const paper = useRef<HTMLDivElement>(null);
  const toggled = useRef(false);
  useEscapeKey(() => (full ? setFull(false) : onClose()));
  useEffect(() => {
    // The button moves with the pane: the keyboard stays on it (not on opening the pane).
    if (toggled.current) {
      paper.current?.querySelector<HTMLElement>('[data-full-window-toggle]')?.focus();
    }
  }, [full]);
  const toggle = () => {
    toggled.current = true;
    setFull((current) => !current);
  };

  return (
    <ResizablePane storageKey={testId} label={label} defaultHeight={defaultHeight}>
      <Paper
        ref={paper}
        variant="outlined"
        data-testid={testId}
        data-full-window={full || undefined}
        role={full ? 'dialog' : undefined}
        aria-label={full ? label : undefined}
        sx={[
          { flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0 },
          ...(Array.isArray(sx) ? sx : [sx]),
          full && {
            position: 'fixed',
            inset: 0,
            zIndex: (theme) => theme.zIndex.drawer + 2,
            borderRadius: 0,
          },
        ]}
      >
        <FullWindow value={{ full, toggle }}>{children}</FullWindow>
      </Paper>
    </ResizablePane>
  );
}

/** Takes the pane around it to the full window, and back. */
export function FullWindowButton() {
  const { full, toggle } = use(FullWindow);
  return (
    <Tooltip title={full ? 'Leave full window (Esc)' : 'Full window'}>
      <IconButton
        aria-label="Full window"
        aria-pressed={full}
        data-full-window-toggle=""
        onClick={toggle}
      >
        {full ? <CloseFullscreenIcon fontSize="small" /> : <OpenInFullIcon fontSize="small" />}
      </IconButton>
    </Tooltip>
  );
}
