import type { DockerEvent, EngineStatus, ImageSummary } from '../../src/shared';

/** Builders of valid contract values for tests: state only what the test is about. */

export function sampleEngineStatus(overrides: Partial<EngineStatus> = {}): EngineStatus {
  return {
    state: 'connected',
    endpoint: { address: 'unix:///var/run/docker.sock', source: 'default' },
    since: 1,
    ...overrides,
  };
}

export function sampleImageSummary(overrides: Partial<ImageSummary> = {}): ImageSummary {
  return {
    id: 'sha256:' + 'a'.repeat(64),
    repoTags: ['sample:latest'],
    repoDigests: [],
    size: 1024,
    created: 1_700_000_000_000,
    containers: 0,
    labels: {},
    ...overrides,
  };
}

export function sampleDockerEvent(overrides: Partial<DockerEvent> = {}): DockerEvent {
  return {
    type: 'image',
    action: 'tag',
    id: 'sha256:' + 'b'.repeat(64),
    time: 1_700_000_000_000,
    attributes: {},
    ...overrides,
  };
}
