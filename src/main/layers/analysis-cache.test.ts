import { describe, expect, it, vi } from 'vitest';
import { AnalysisCache } from './analysis-cache';

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
