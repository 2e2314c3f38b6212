import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../shared';
import { imagesMatching, nameOf, otherTags } from './image-options';

const image = (id: string, repoTags: string[]): ImageSummary => ({
  id: `sha256:${id.padEnd(64, '0')}`,
  repoTags,
  repoDigests: [],
  size: 1,
  created: 0,
  containers: 0,
  labels: {},
});

describe('the image pickers', () => {
  const reviewUi = image('aaa', ['app:base', 'review-ui:1']);
  const other = image('bbb', ['zeta:2']);
  const dangling = image('ccc', []);

  it('find an image under any of its tags, not only the one it is listed by', () => {
    expect(nameOf(reviewUi)).toBe('app:base');
    expect(imagesMatching([reviewUi, other, dangling], 'review')).toEqual([reviewUi]);
    expect(imagesMatching([reviewUi, other, dangling], 'REVIEW-UI:1')).toEqual([reviewUi]);
  });

  it('find an image by its id, and offer everything for nothing typed', () => {
    expect(imagesMatching([reviewUi, other, dangling], 'ccc')).toEqual([dangling]);
    expect(imagesMatching([reviewUi, other], '  ')).toEqual([reviewUi, other]);
    expect(nameOf(dangling)).toBe(`ccc${'0'.repeat(9)}`);
  });

  it('name the other tags beside the listed one', () => {
    expect(otherTags(reviewUi)).toEqual(['review-ui:1']);
    expect(otherTags(other)).toEqual([]);
  });
});
