import {
  Autocomplete,
  Box,
  Chip,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useStowageQuery } from '../../api';
import { formatBytes } from '../../common/format';
import { QueryErrorAlert } from '../../common/QueryErrorAlert';
import { ArchiveInspector } from './ArchiveInspector';
import { readCompareSelection, writeCompareSelection } from './compare-selection';
import { imagesMatching, nameOf, otherTags } from './image-options';
import { SharingDiagram } from './SharingDiagram';

const maxImages = 16;

/**
 * Pick local images and see how they share layers: stacks drawn to scale, shared layers
 * drawn once across the stacks that have them, containers on top.
 */
export function LayersPage() {
  const images = useStowageQuery('images.list', {});
  const [chosen, setChosen] = useState<string[]>(readCompareSelection);
  useEffect(() => writeCompareSelection(chosen), [chosen]);
  const options = useMemo(
    () => [...(images.data ?? [])].sort((a, b) => nameOf(a).localeCompare(nameOf(b))),
    [images.data],
  );
  // Images that are gone leave the selection once the list says so.
  const present = useMemo(
    () =>
      images.data ? chosen.filter((id) => images.data.some((image) => image.id === id)) : chosen,
    [chosen, images.data],
  );
  const sharing = useStowageQuery(
    'layers.sharing',
    { images: present },
    { enabled: present.length > 0 && images.data !== undefined },
  );
  const selected = options.filter((image) => present.includes(image.id));

  return (
    <Box
      sx={{
        display: 'flex',
        flexDirection: 'column',
        flex: 1,
        minHeight: 0,
        p: 3,
        gap: 2,
        overflow: 'auto',
      }}
    >
      <Box>
        <Typography variant="h4" component="h1">
          Layers
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Images share the layers they were built from; containers add a thin read-write layer on
          top. Pick images to see what they share.
        </Typography>
      </Box>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <ArchiveInspector />
      </Paper>
      {images.error && (
        <QueryErrorAlert
          error={images.error}
          failedTo="list the images"
          refreshes="the list"
          testId="layers-images-error"
        />
      )}
      <Autocomplete
        multiple
        options={options}
        value={selected}
        getOptionLabel={nameOf}
        filterOptions={(all, state) => imagesMatching(all, state.inputValue)}
        // Several images are picked in a row: the list stays open after each.
        disableCloseOnSelect
        getOptionKey={(image) => image.id}
        isOptionEqualToValue={(option, value) => option.id === value.id}
        getOptionDisabled={() => present.length >= maxImages}
        onChange={(_event, next) => setChosen(next.map((image) => image.id))}
        renderOption={(props, image) => {
          const { key, ...rest } = props as typeof props & { key: string };
          return (
            <li key={key} {...rest}>
              <Box sx={{ display: 'flex', gap: 1, width: '100%' }}>
                <Box component="span" sx={{ flex: 1, minWidth: 0 }}>
                  {nameOf(image)}
                  {otherTags(image).length > 0 && (
                    <Typography component="span" variant="caption" color="text.secondary">
                      {' '}
                      also {otherTags(image).join(', ')}
                    </Typography>
                  )}
                </Box>
                <Typography variant="caption" color="text.secondary">
                  {formatBytes(image.size)}
                </Typography>
              </Box>
            </li>
          );
        }}
        renderValue={(value, getItemProps) =>
          value.map((image, index) => {
            const { key, ...rest } = getItemProps({ index });
            return <Chip key={key} size="small" label={nameOf(image)} {...rest} />;
          })
        }
        renderInput={(params) => (
          <TextField
            {...params}
            label="Images to compare"
            placeholder={present.length ? '' : 'Search local images'}
          />
        )}
        sx={{ maxWidth: 900 }}
      />
      {present.length === 0 && (
        <Typography color="text.secondary" data-testid="sharing-empty">
          Choose two or more images above. Layers they share are drawn once, across their stacks.
        </Typography>
      )}
      {sharing.error && (
        <QueryErrorAlert
          error={sharing.error}
          failedTo="read the images’ layers"
          refreshes="the picture"
          testId="sharing-error"
        />
      )}
      {sharing.data && present.length > 0 && (
        <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
          <SharingDiagram stacks={sharing.data.images} />
          <Table size="small" aria-label="Shared and unique sizes" sx={{ maxWidth: 900 }}>
            <TableHead>
              <TableRow>
                <TableCell>Image</TableCell>
                <TableCell align="right">Layers</TableCell>
                <TableCell align="right">Shared</TableCell>
                <TableCell align="right">Unique</TableCell>
                <TableCell align="right">Containers</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sharing.data.images.map((image) => (
                <TableRow key={image.id} data-testid="sharing-row" data-image-id={image.id}>
                  <TableCell>{image.name}</TableCell>
                  <TableCell align="right">{image.layers.length}</TableCell>
                  <TableCell align="right">{formatBytes(image.sharedBytes)}</TableCell>
                  <TableCell align="right">{formatBytes(image.uniqueBytes)}</TableCell>
                  <TableCell align="right">
                    {image.containers.length}
                    {image.containers.length > 0 &&
                      ` (${formatBytes(image.containers.reduce((sum, container) => sum + container.sizeRw, 0))} written)`}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {sharing.data.images.some((image) => !image.exactSizes) && (
            <Typography variant="caption" color="text.secondary">
              Some layer sizes come from the image history, which also counts each symlink’s target
              name; opening an image’s Layers tab measures the bytes of its files.
            </Typography>
          )}
        </Paper>
      )}
    </Box>
  );
}
