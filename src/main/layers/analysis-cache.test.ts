import { describe, expect, it, vi } from 'vitest';
import { AnalysisCache, RecentlyUsed } from './analysis-cache';

const analysis = () => ({ terminate: vi.fn() });

describe('AnalysisCache', () => {
  it('finds an analysis by id and by the names it was asked for', () => {
    const cache = new AnalysisCache(2);
    const held = analysis();
    cache.put('sha256:a', ['app:1', 'app:latest'], held);
    expect(cache.get('sha256:a')).toBe(held);
    expect(cache.get('app:latest')).toBe(held);
    expect(cache.get('other:1')).toBeUndefined();
  });

  it('drops the least recently used image past its capacity and terminates it', () => {
    const cache = new AnalysisCache(2);
    const [first, second, third] = [analysis(), analysis(), analysis()];
    cache.put('sha256:a', ['a'], first);
    cache.put('sha256:b', ['b'], second);
    cache.get('a');
    cache.put('sha256:c', [], third);
    expect(cache.ids()).toEqual(['sha256:a', 'sha256:c']);
    expect(second.terminate).toHaveBeenCalledOnce();
    expect(cache.get('b')).toBeUndefined();
    expect(first.terminate).not.toHaveBeenCalled();
  });

  it('forgets a removed image under every name and ends its analysis', () => {
    const cache = new AnalysisCache(4);
    const held = analysis();
    cache.put('sha256:a', ['app:1'], held);
    cache.drop('sha256:a');
    expect(held.terminate).toHaveBeenCalledOnce();
    expect(cache.get('app:1')).toBeUndefined();
    expect(cache.get('sha256:a')).toBeUndefined();
    cache.drop('sha256:a');
    expect(held.terminate).toHaveBeenCalledOnce();
  });

  it('replaces an older analysis of the same image', () => {
    const cache = new AnalysisCache(4);
    const [older, newer] = [analysis(), analysis()];
    cache.put('sha256:a', ['app:1'], older);
    cache.put('sha256:a', ['app:2'], newer);
    expect(older.terminate).toHaveBeenCalledOnce();
    expect(cache.get('app:2')).toBe(newer);
  });
});

describe('RecentlyUsed', () => {
  it('works a value out once per key and forgets the least recently used past its capacity', () => {
    const trees = new RecentlyUsed<string>(2);
    const make = vi.fn((key: string) => `tree of ${key}`);
    expect(trees.get('1:false', () => make('1:false'))).toBe('tree of 1:false');
    expect(trees.get('1:false', () => make('again'))).toBe('tree of 1:false');
    trees.get('1:true', () => make('1:true'));
    trees.get('1:false', () => make('again'));
    trees.get('2:false', () => make('2:false'));
    trees.get('1:false', () => make('again'));
    // 1:true was the least recently used of three: it is worked out again.
    trees.get('1:true', () => make('1:true'));
    expect(make.mock.calls.map(([key]) => key)).toEqual(['1:false', '1:true', '2:false', '1:true']);
  });
});
