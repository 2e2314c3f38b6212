import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { SearchField } from '../SearchField';

/** The frame of a list page: title row, toolbar, messages, table and detail, top to bottom. */
export function ListPage({ children }: { children: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, p: 3, gap: 2 }}>
      {children}
    </Box>
  );
}

/** The page title with the count of what is shown, and the search box beside it. */
export function ListPageHeader({
  title,
  count,
  countTestId,
  searchLabel,
  search,
  onSearch,
}: {
  title: string;
  /** Left out until the list has loaded. */
  count: string | undefined;
  countTestId: string;
  searchLabel: string;
  search: string;
  onSearch(value: string): void;
}) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 2 }}>
      <Box sx={{ flex: 1, minWidth: 200 }}>
        <Typography variant="h4" component="h1">
          {title}
        </Typography>
        {count !== undefined && (
          <Typography
            data-testid={countTestId}
            aria-live="polite"
            variant="body2"
            color="text.secondary"
          >
            {count}
          </Typography>
        )}
      </Box>
      <SearchField
        label={searchLabel}
        value={search}
        onChange={onSearch}
        sx={{ width: 320, maxWidth: '100%' }}
      />
    </Box>
  );
}
