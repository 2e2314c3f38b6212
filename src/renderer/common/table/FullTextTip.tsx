import { Paper, Popper, Typography } from '@mui/material';

/** A cell whose text is cut short, or whose column gives a fuller text than it shows. */
export function cellFullText(cell: HTMLElement): string | undefined {
  const full = cell.dataset.fullText ?? cell.textContent ?? '';
  if (full.trim() === '') return undefined;
  const cut = [cell, ...cell.querySelectorAll<HTMLElement>('*')].some(
    (element) => element.scrollWidth > element.clientWidth + 1,
  );
  return cut || full !== (cell.textContent ?? '') ? full : undefined;
}

export interface Tip {
  anchor: HTMLElement;
  lines: readonly string[];
}

/**
 * The full text of cells cut short: one per table, over the cell the pointer is on, or over
 * the row the keyboard is on (then one line per cut cell).
 */
export function FullTextTip({ id, tip }: { id: string; tip: Tip | undefined }) {
  return (
    <Popper
      open={tip !== undefined}
      anchorEl={tip?.anchor}
      placement="bottom-start"
      sx={{ zIndex: 'tooltip', pointerEvents: 'none' }}
    >
      <Paper
        id={id}
        role="tooltip"
        data-testid="cell-full-text"
        elevation={4}
        sx={{ px: 1, py: 0.5, maxWidth: 640, bgcolor: 'grey.800', color: 'common.white' }}
      >
        {tip?.lines.map((line, index) => (
          <Typography
            key={index}
            variant="body2"
            sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 13 }}
          >
            {line}
          </Typography>
        ))}
      </Paper>
    </Popper>
  );
}
