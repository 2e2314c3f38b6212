import CloseIcon from '@mui/icons-material/Close';
import { Box, IconButton, Paper, Tab, Tabs, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * The panel under a list that shows the one selected item in depth: its name, actions and
 * tabs in the header, the chosen tab's content below.
 */
export function DetailPanel({
  title,
  testId,
  tabs,
  tab,
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
  tabs: readonly string[];
  tab: number;
  onTabChange(tab: number): void;
  tabsLabel: string;
  actions?: ReactNode;
  onClose(): void;
  /** A little room around the content (for a JSON viewer); tables and trees go edge to edge. */
  padded?: boolean;
  height?: number;
  children: ReactNode;
}) {
  return (
    <Paper
      variant="outlined"
      data-testid={testId}
      sx={{ height, flexShrink: 0, display: 'flex', flexDirection: 'column', minHeight: 0 }}
    >
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          px: 2,
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <Typography variant="subtitle1" component="h2" sx={{ flex: 1, fontWeight: 600 }} noWrap>
          {title}
        </Typography>
        {actions}
        <Tabs
          value={tab}
          onChange={(_event, next: number) => onTabChange(next)}
          aria-label={tabsLabel}
        >
          {tabs.map((label) => (
            <Tab key={label} label={label} />
          ))}
        </Tabs>
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
    </Paper>
  );
}
