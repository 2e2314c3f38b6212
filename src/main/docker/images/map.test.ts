import { describe, expect, it } from 'vitest';
import recordedContainers from './fixtures/containers.json';
import recordedImages from './fixtures/images.json';
import { toImageSummaries, type RawImage } from './map';

// Recorded from Docker 20.10 (`GET /images/json`, `GET /containers/json?all=1`): a dangling
// image and a tagged one that a created container uses.
const images = recordedImages as RawImage[];
const tagged = 'sha256:cccd716240b032fdc7b357466aeaa4ca19365305567fb503a0dec6ecf0f79b96';

describe('image summaries from the engine', () => {
  const summaries = toImageSummaries(images, recordedContainers);
  const byId = new Map(summaries.map((summary) => [summary.id, summary]));

  it('keeps real tags and digests and drops the <none> placeholders', () => {
    expect(byId.get(tagged)).toMatchObject({
      repoTags: ['stowage-rec:1.0', 'stowage-rec:latest'],
      repoDigests: [],
    });
    const dangling = summaries.find((summary) => summary.id !== tagged);
    expect(dangling).toMatchObject({ repoTags: [], repoDigests: [] });
  });

  it('counts the containers of each image from the container list, not the -1 of the engine', () => {
    expect(byId.get(tagged)?.containers).toBe(1);
    expect(summaries.filter((summary) => summary.id !== tagged).map((s) => s.containers)).toEqual([
      0,
    ]);
  });

  it('turns creation seconds into epoch milliseconds and keeps size and labels', () => {
    expect(byId.get(tagged)).toMatchObject({
      created: 1_795_359_070_000,
      size: 1_982_256,
      labels: { 'dev.stowage.test': '1', 'org.example.role': 'recording' },
    });
  });

  it('accepts null lists and labels, as older engines send them', () => {
    const [summary] = toImageSummaries(
      [{ Id: 'sha256:1', RepoTags: null, RepoDigests: null, Labels: null, Size: 0, Created: 0 }],
      [],
    );
    expect(summary).toEqual({
      id: 'sha256:1',
      repoTags: [],
      repoDigests: [],
      size: 0,
      created: 0,
      containers: 0,
      labels: {},
    });
  });
});
