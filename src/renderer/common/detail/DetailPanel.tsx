import CloseIcon from '@mui/icons-material/Close';
import { Box, IconButton, Tab, Tabs, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { DetailPane, FullWindowButton } from './DetailPane';

/**
 * The panel under a list that shows the one selected item in depth: its name, actions and
 * tabs in the header, the chosen tab's content below. Its top edge resizes it (remembered per
 * panel), a button takes it to the full window and back, and Esc leaves the full window, then
 * closes it.
 */
export function DetailPanel({
  title,
  testId,
  tabs = [],
  tab = 0,
  onTabChange,
  tabsLabel,
  actions,
  onClose,
  padded = false,
  height = 420,
  children,
}: {
  title: string;
  testId: string;
  /** No tab bar with one tab or none. */
  tabs?: readonly string[];
  tab?: number;
  onTabChange?(tab: number): void;
  tabsLabel?: string;
  actions?: ReactNode;
  onClose(): void;
  /** A little room around the content (for a JSON viewer); tables and trees go edge to edge. */
  padded?: boolean;
  /** The height until the user drags it. */
  height?: number;
  children: ReactNode;
}) {
  return (
    <DetailPane testId={testId} label={title} defaultHeight={height} onClose={onClose}>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          flexWrap: 'wrap',
          columnGap: 1,
          px: 2,
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <Typography
          variant="subtitle1"
          component="h2"
          title={title}
          sx={{ flex: '1 1 160px', minWidth: 0, fontWeight: 600 }}
          noWrap
        >
          {title}
        </Typography>
        {actions}
        {tabs.length > 1 && (
          <Tabs
            value={tab}
            onChange={(_event, next: number) => onTabChange?.(next)}
            aria-label={tabsLabel}
            variant="scrollable"
            scrollButtons="auto"
            sx={{ minWidth: 0, maxWidth: '100%' }}
          >
            {tabs.map((label) => (
              <Tab key={label} label={label} />
            ))}
          </Tabs>
        )}
        <FullWindowButton />
        <IconButton aria-label="Close details" onClick={onClose}>
          <CloseIcon fontSize="small" />
        </IconButton>
      </Box>
      <Box
        sx={{
          flex: 1,
          overflow: 'auto',
          p: padded ? 1 : 0,
          display: 'flex',
          flexDirection: 'column',
          minHeight: 0,
        }}
      >
        {children}
      </Box>
    </DetailPane>
  );
}
