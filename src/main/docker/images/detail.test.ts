import { describe, expect, it } from 'vitest';
import { imageDetailSchema, pullProgressSchema } from '../../../shared';
import history from './fixtures/history.json';
import inspect from './fixtures/inspect.json';
import { toImageDetail, toPullProgress } from './map';

// Recorded from Docker 20.10 for an image built FROM scratch with busybox, ENV, EXPOSE,
// ENTRYPOINT and CMD (`GET /images/{name}/json` and `/history`).
describe('image detail from the engine', () => {
  const detail = toImageDetail(inspect, history, [
    {
      Id: 'a'.repeat(64),
      Names: ['/web'],
      ImageID: inspect.Id,
      State: 'running',
      Status: 'Up 2 minutes',
    },
    { Id: 'b'.repeat(64), Names: ['/other'], ImageID: 'sha256:other', State: 'exited' },
  ]);

  it('fits the contract and reads the config', () => {
    expect(imageDetailSchema.parse(detail)).toEqual(detail);
    expect(detail).toMatchObject({
      repoTags: ['stowage-rec:detail'],
      architecture: 'amd64',
      os: 'linux',
      entrypoint: ['/bin/sh', '-c'],
      cmd: ['httpd -f -p 8080'],
      exposedPorts: ['8080/tcp'],
      labels: { 'dev.stowage.test': '1', 'org.example.role': 'recording' },
    });
    expect(detail.env).toContain('GREETING=hello');
    expect(detail.created).toBe(Date.parse(inspect.Created));
  });

  it('lists the history oldest first, as the image was built', () => {
    expect(detail.history.at(0)?.createdBy).toMatch(/LABEL/);
    expect(detail.history.at(-1)?.createdBy).toMatch(/CMD/);
    expect(detail.history.map((entry) => entry.size).some((size) => size > 1_000_000)).toBe(true);
  });

  it('lists the containers made from the image, and only those', () => {
    expect(detail.containers).toEqual([
      { id: 'a'.repeat(64), name: 'web', state: 'running', status: 'Up 2 minutes' },
    ]);
  });

  it('keeps the whole inspect answer for the raw view', () => {
    expect(detail.raw).toBe(inspect);
  });
});

describe('pull progress lines', () => {
  it.each([
    [
      { status: 'Pulling from team/app', id: '1.0' },
      { id: '1.0', status: 'Pulling from team/app' },
    ],
    [
      {
        status: 'Downloading',
        id: 'abc',
        progressDetail: { current: 10, total: 100 },
        progress: '[>  ]',
      },
      { id: 'abc', status: 'Downloading', current: 10, total: 100 },
    ],
    [{ status: 'Digest: sha256:1' }, { id: '', status: 'Digest: sha256:1' }],
    [
      { status: 'Pull complete', id: 'abc', progressDetail: {} },
      { id: 'abc', status: 'Pull complete' },
    ],
  ])('reads %j', (line, progress) => {
    expect(toPullProgress(line)).toEqual(progress);
    expect(pullProgressSchema.parse(progress)).toEqual(progress);
  });
});
