import { ListLoading, ListNote } from '../../common/list/ListStates';

export function ImagesLoading() {
  return <ListLoading testId="images-loading" label="Loading images" rows={6} />;
}

export function ImagesEmpty() {
  return (
    <ListNote testId="images-empty">
      No images yet. Pull one with the Pull image button, or build one with the docker CLI; it will
      appear here.
    </ListNote>
  );
}

export function ImagesNoMatch({ search, filter }: { search: string; filter?: string }) {
  const words = [
    filter && `are ${filter.toLowerCase()}`,
    search.trim() && `match “${search.trim()}”`,
  ];
  return (
    <ListNote testId="images-no-match">No images {words.filter(Boolean).join(' and ')}.</ListNote>
  );
}
