import { describe, expect, it, vi } from 'vitest';
import type { FileTreeEntry, FileTreePage, TreeMark } from '../../../shared';
import { pageSize, searchLimit, TreePages, TreeViews, type FileTreeQuery } from './tree-pages';
import { browseRows, searchRows } from './tree-rows';

const counts: Record<TreeMark, number> = {
  added: 1,
  modified: 0,
  removed: 0,
  unmodified: 0,
  lower: 0,
};
const entry = (
  path: string,
  childCount = 0,
  extra: Partial<FileTreeEntry> = {},
): FileTreeEntry => ({
  path,
  name: path.slice(path.lastIndexOf('/') + 1),
  type: childCount > 0 ? 'dir' : 'file',
  mark: 'added',
  size: 1,
  childCount,
  changedBelow: false,
  ...extra,
});

/** A source of pages that answers when told to, recording what it was asked. */
function scriptedSource() {
  const asked: FileTreeQuery[] = [];
  const answers: { resolve(page: FileTreePage): void; reject(error: Error): void }[] = [];
  const load = vi.fn(
    (query: FileTreeQuery) =>
      new Promise<FileTreePage>((resolve, reject) => {
        asked.push(query);
        answers.push({ resolve, reject });
      }),
  );
  const answer = async (entries: FileTreeEntry[], total = entries.length) => {
    answers.shift()?.resolve({ entries, total, counts });
    await Promise.resolve();
  };
  const fail = async (message: string) => {
    answers.shift()?.reject(new Error(message));
    await Promise.resolve();
  };
  return { load, asked, answer, fail };
}

const view = { marks: ['added'] as TreeMark[], search: '', sort: 'name' as const };
const paths = (rows: ReturnType<typeof browseRows>) =>
  rows.map((row) => {
    if (row.type === 'entry') return `${'  '.repeat(row.depth)}${row.entry.path}`;
    return `pending:${row.directory}`;
  });

describe('a paged tree', () => {
  it('asks for the top level, then for an open directory’s children', async () => {
    const source = scriptedSource();
    const pages = new TreePages(source.load, view);
    const expansion = { expandAll: true, toggled: new Set<string>() };
    expect(paths(browseRows(pages.snapshot(), expansion))).toEqual(['pending:']);
    pages.request('');
    pages.request('');
    expect(source.asked).toEqual([{ ...view, directory: '', offset: 0, limit: pageSize }]);
    await source.answer([entry('etc', 2), entry('opt', 1)]);
    expect(paths(browseRows(pages.snapshot(), expansion))).toEqual([
      'etc',
      'pending:etc',
      'opt',
      'pending:opt',
    ]);
    expect(pages.snapshot().counts).toEqual(counts);
    pages.request('etc');
    await source.answer([entry('etc/a'), entry('etc/b')]);
    expect(paths(browseRows(pages.snapshot(), expansion))).toEqual([
      'etc',
      '  etc/a',
      '  etc/b',
      'opt',
      'pending:opt',
    ]);
    // Closed directories show no children, loaded or not.
    const closed = { expandAll: false, toggled: new Set(['etc']) };
    expect(paths(browseRows(pages.snapshot(), closed))).toEqual([
      'etc',
      '  etc/a',
      '  etc/b',
      'opt',
    ]);
    expect(
      paths(browseRows(pages.snapshot(), { expandAll: true, toggled: new Set(['etc']) })),
    ).toEqual(['etc', 'opt', 'pending:opt']);
  });

  it('loads the next page of a large directory from where the last one ended', async () => {
    const source = scriptedSource();
    const pages = new TreePages(source.load, view);
    pages.request('');
    await source.answer([entry('a'), entry('b')], 3);
    const expansion = { expandAll: true, toggled: new Set<string>() };
    expect(paths(browseRows(pages.snapshot(), expansion))).toEqual(['a', 'b', 'pending:']);
    pages.request('');
    expect(source.asked[1]).toMatchObject({ offset: 2 });
    await source.answer([entry('c')], 3);
    expect(paths(browseRows(pages.snapshot(), expansion))).toEqual(['a', 'b', 'c']);
    pages.request('');
    expect(source.load).toHaveBeenCalledTimes(2);
  });

  it('keeps a failure until it is retried', async () => {
    const source = scriptedSource();
    const pages = new TreePages(source.load, view);
    pages.request('');
    await source.fail('The analysis of this image was dropped.');
    expect(browseRows(pages.snapshot(), { expandAll: true, toggled: new Set() })).toEqual([
      {
        type: 'pending',
        directory: '',
        depth: 0,
        error: 'The analysis of this image was dropped.',
      },
    ]);
    pages.request('');
    expect(source.load).toHaveBeenCalledTimes(1);
    pages.retry('');
    await source.answer([entry('a')]);
    expect(pages.snapshot().directories.get('')?.entries).toHaveLength(1);
  });

  it('drops answers that come after it was stopped, and asks again when told to', async () => {
    const source = scriptedSource();
    const pages = new TreePages(source.load, view);
    pages.request('');
    pages.abort();
    await source.answer([entry('late')]);
    expect(pages.snapshot().directories.get('')).toMatchObject({ entries: [], loading: false });
    pages.request('');
    await source.answer([entry('a')]);
    expect(
      pages
        .snapshot()
        .directories.get('')
        ?.entries.map((each) => each.path),
    ).toEqual(['a']);
  });

  it('never lets an older answer overwrite a newer one, whatever order they come in', async () => {
    // A source that does not heed the signal, answering the stopped request last.
    const resolvers: ((page: FileTreePage) => void)[] = [];
    const load = (query: FileTreeQuery) =>
      new Promise<FileTreePage>((resolve) => {
        resolvers[resolvers.length] = resolve;
        expect(query.offset).toBe(0);
      });
    const pages = new TreePages(load, view);
    pages.request('');
    pages.abort();
    pages.request('');
    resolvers[1]?.({ entries: [entry('new-a'), entry('new-b')], total: 2, counts });
    await Promise.resolve();
    resolvers[0]?.({ entries: [entry('old')], total: 1, counts });
    await Promise.resolve();
    expect(pages.snapshot().directories.get('')).toMatchObject({
      entries: [
        expect.objectContaining({ path: 'new-a' }),
        expect.objectContaining({ path: 'new-b' }),
      ],
      complete: true,
      loading: false,
    });
  });

  it('tells its listeners of each change', async () => {
    const source = scriptedSource();
    const pages = new TreePages(source.load, view);
    const heard = vi.fn();
    const stop = pages.subscribe(heard);
    pages.request('');
    await source.answer([]);
    expect(heard).toHaveBeenCalledTimes(2);
    stop();
    pages.request('x');
    expect(heard).toHaveBeenCalledTimes(2);
  });
});

describe('a searched tree', () => {
  it('shows the matches with their ancestors open, and what the user closed closed', async () => {
    const source = scriptedSource();
    const pages = new TreePages(source.load, { ...view, search: 'log' });
    pages.request('');
    expect(source.asked[0]).toMatchObject({ search: 'log', limit: searchLimit });
    await source.answer(
      [entry('var', 1), entry('var/log', 1), entry('var/log/a.log'), entry('z.log')],
      2,
    );
    const rows = searchRows(pages.snapshot(), new Set());
    expect(paths(rows)).toEqual(['var', '  var/log', '    var/log/a.log', 'z.log']);
    expect(rows[0]).toMatchObject({ expandable: true, expanded: true });
    expect(rows[3]).toMatchObject({ expandable: false });
    expect(paths(searchRows(pages.snapshot(), new Set(['var/log'])))).toEqual([
      'var',
      '  var/log',
      'z.log',
    ]);
  });
});

describe('the views of a tree', () => {
  it('keeps the pages of a view to go back to, the most recent few', async () => {
    const source = scriptedSource();
    const views = new TreeViews(source.load);
    const browsing = views.get(view);
    browsing.request('');
    await source.answer([entry('a')]);
    expect(views.get({ ...view, search: 'a' })).not.toBe(browsing);
    expect(views.get({ ...view, search: '  ' })).toBe(browsing);
    expect(
      views
        .get({ ...view, marks: ['added'] })
        .snapshot()
        .directories.get('')?.complete,
    ).toBe(true);
    for (const search of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) views.get({ ...view, search });
    expect(views.get(view)).not.toBe(browsing);
  });
});
