import { Box, Button, Stack, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useCallback, useMemo, useState } from 'react';
import { useStowageQuery } from '../../api';
import {
  defaultImageSort,
  type ImageSortKey,
  matchesSearch,
  nextSort,
  sortImageRows,
  imageNoun,
  danglingName,
  type ImageRow,
  toImageRow,
} from './image-rows';
import BuildIcon from '@mui/icons-material/Build';
import DeleteIcon from '@mui/icons-material/Delete';
import CleaningServicesIcon from '@mui/icons-material/CleaningServices';
import DownloadIcon from '@mui/icons-material/Download';
import { useConfirm } from '../../common/ConfirmDialog';
import { countLabel } from '../../common/list/count-label';
import { ListPage, ListPageHeader } from '../../common/list/ListPage';
import { RemoveFailuresAlert } from '../../common/list/RemoveFailuresAlert';
import { useListView } from '../../common/list/use-list-view';
import { navigate, usePageRoute } from '../../common/use-route';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { BuildDialog } from './BuildDialog';
import { ImageDetailPanel } from './ImageDetailPanel';
import { imageFilterLabels, imageFilters, matchesFilter, type ImageFilter } from './image-filters';
import { PruneDialog } from './PruneDialog';
import { PullDialog } from './PullDialog';
import { useRemoveImages } from './use-remove-images';
import { shortImageId } from './image-id';
import { RoutedItemGone, RoutedItemsGone } from '../../common/list/ListStates';
import { goneFromUrl } from '../../common/list/routed-selection';
import { ImagesEmpty, ImagesLoading, ImagesNoMatch } from './ImagesState';
import { ImagesTable } from './ImagesTable';
import { EngineActionButton } from '../../common/EngineActionButton';

const imageKey = (row: ImageRow) => row.id;

export function ImagesPage() {
  const images = useStowageQuery('images.list', {});
  const [pulling, setPulling] = useState(false);
  const [building, setBuilding] = useState(false);
  const [pruning, setPruning] = useState(false);
  const [filter, setFilter] = useState<ImageFilter>('all');
  const [dialog, confirm] = useConfirm();
  const removal = useRemoveImages(confirm);

  const allRows = useMemo(() => (images.data ?? []).map(toImageRow), [images.data]);
  const matches = useCallback(
    (row: ImageRow, search: string) => matchesFilter(row, filter) && matchesSearch(row, search),
    [filter],
  );
  // The image in detail and its tab live in the URL.
  const route = usePageRoute('images');
  const view = useListView({
    rows: allRows,
    matches,
    sortRows: sortImageRows,
    initialSort: defaultImageSort,
    rowKey: imageKey,
    routed: {
      key: route.image,
      selected: route.selected,
      go: (image, selected) =>
        navigate(image !== undefined ? { page: 'images', image } : { page: 'images', selected }, {
          replace: true,
        }),
    },
    urlId: shortImageId,
  });
  const { search, deferredSearch, shownRows, selection, selectedRows, single } = view;
  const gone = useMemo(
    () => (images.data ? goneFromUrl(route.selected, allRows.map(imageKey), shortImageId) : []),
    [images.data, allRows, route.selected],
  );

  return (
    <ListPage>
      <ListPageHeader
        title="Images"
        count={images.data && countLabel(shownRows.length, allRows.length, imageNoun)}
        countTestId="image-count"
        searchLabel="Search images"
        search={search}
        onSearch={view.setSearch}
      />

      <Stack direction="row" sx={{ gap: 1 }}>
        <EngineActionButton
          variant="contained"
          startIcon={<DownloadIcon />}
          onClick={() => setPulling(true)}
        >
          Pull image
        </EngineActionButton>
        <EngineActionButton
          variant="outlined"
          startIcon={<BuildIcon />}
          onClick={() => setBuilding(true)}
        >
          Build…
        </EngineActionButton>
        <Button
          color="error"
          variant="outlined"
          startIcon={<DeleteIcon />}
          disabled={selectedRows.length === 0 || removal.busy}
          onClick={() => void removal.remove(selectedRows)}
        >
          {selectedRows.length > 1 ? `Remove ${selectedRows.length} images` : 'Remove'}
        </Button>
        <EngineActionButton
          variant="outlined"
          startIcon={<CleaningServicesIcon />}
          onClick={() => setPruning(true)}
        >
          Prune…
        </EngineActionButton>
        <Box sx={{ flex: 1 }} />
        <ToggleButtonGroup
          size="small"
          exclusive
          value={filter}
          aria-label="Show images"
          onChange={(_event, next: ImageFilter | null) => next && setFilter(next)}
        >
          {imageFilters.map((value) => (
            <ToggleButton key={value} value={value}>
              {imageFilterLabels[value]}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Stack>
      <RemoveFailuresAlert
        failures={removal.failures}
        rowKey={(row) => row.id}
        rowName={(row) => row.name}
        onForce={(rows) => void removal.remove(rows, true)}
        onDismiss={removal.dismiss}
        current={{
          rows: allRows,
          causeOf: (row) => (row.containers > 0 ? String(row.containers) : ''),
        }}
      />
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
      {gone.length > 0 && (
        <RoutedItemsGone
          testId="chosen-images-gone"
          plural="images"
          names={gone}
          why="Removed since the link was made."
          onDismiss={() => view.setChosen(selection)}
        />
      )}
      {route.image && images.data && !allRows.some((row) => row.id === route.image) && (
        <RoutedItemGone
          testId="opened-image-gone"
          noun="image"
          plural="images"
          name={shortImageId(route.image)}
          onBack={view.clearChoice}
        />
      )}
      {images.data && allRows.length === 0 && <ImagesEmpty />}
      {images.data && allRows.length > 0 && shownRows.length === 0 && (
        <ImagesNoMatch
          search={deferredSearch}
          {...(filter !== 'all' ? { filter: imageFilterLabels[filter] } : {})}
        />
      )}
      {shownRows.length > 0 && (
        <ImagesTable
          rows={shownRows}
          sort={view.sort}
          onSortBy={(key: ImageSortKey) => view.setSort((current) => nextSort(current, key))}
          scrollResetKey={view.scrollResetKey}
          selection={selection}
          onSelectionChange={view.setChosen}
        />
      )}
      {single && (
        <ImageDetailPanel
          key={single.id}
          imageId={single.id}
          {...(single.name !== danglingName ? { tag: single.name } : {})}
          {...(route.tab ? { tab: route.tab } : {})}
          onTabChange={(tab) =>
            navigate({ page: 'images', image: single.id, tab }, { replace: true })
          }
          onClose={view.clearChoice}
        />
      )}
      <PullDialog open={pulling} onClose={() => setPulling(false)} />
      <BuildDialog
        open={building}
        onClose={() => setBuilding(false)}
        onOpenImage={(id) => {
          setFilter('all');
          view.setSearch('');
          view.choose(id);
        }}
      />
      <PruneDialog open={pruning} onClose={() => setPruning(false)} />
      {dialog}
    </ListPage>
  );
}
