import { Box, Typography } from '@mui/material';
import { useDeferredValue, useMemo, useState } from 'react';
import { useStowageQuery } from '../../api';
import {
  countLabel,
  defaultImageSort,
  type ImageSortKey,
  matchesSearch,
  nextSort,
  sortImageRows,
  toImageRow,
} from './image-rows';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { SearchField } from '../../common/SearchField';
import { ImagesEmpty, ImagesLoading, ImagesNoMatch } from './ImagesState';
import { ImagesTable } from './ImagesTable';

export function ImagesPage() {
  const images = useStowageQuery('images.list', {});
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState(defaultImageSort);

  const allRows = useMemo(() => (images.data ?? []).map(toImageRow), [images.data]);
  const shownRows = useMemo(
    () =>
      sortImageRows(
        allRows.filter((row) => matchesSearch(row, deferredSearch)),
        sort,
      ),
    [allRows, deferredSearch, sort],
  );
  const sortBy = (key: ImageSortKey) => setSort((current) => nextSort(current, key));

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, p: 3, gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 2 }}>
        <Box sx={{ flex: 1, minWidth: 200 }}>
          <Typography variant="h4" component="h1">
            Images
          </Typography>
          {images.data && (
            <Typography
              data-testid="image-count"
              aria-live="polite"
              variant="body2"
              color="text.secondary"
            >
              {countLabel(shownRows.length, allRows.length)}
            </Typography>
          )}
        </Box>
        <SearchField
          label="Search images"
          value={search}
          onChange={setSearch}
          sx={{ width: 320, maxWidth: '100%' }}
        />
      </Box>

      {images.error && (
        <QueryErrorAlert
          error={images.error}
          failedTo="list images"
          refreshes="the list refreshes"
          staleNote={images.data ? 'The images below are the last ones seen.' : undefined}
          testId="images-error"
        />
      )}
      {images.isPending && !images.error && <ImagesLoading />}
      {images.data && allRows.length === 0 && <ImagesEmpty />}
      {images.data && allRows.length > 0 && shownRows.length === 0 && (
        <ImagesNoMatch search={deferredSearch} />
      )}
      {shownRows.length > 0 && (
        <ImagesTable
          rows={shownRows}
          sort={sort}
          onSortBy={sortBy}
          scrollResetKey={`${sort.key} ${sort.direction} ${deferredSearch}`}
        />
      )}
    </Box>
  );
}
