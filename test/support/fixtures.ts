import { createHash } from 'node:crypto';
import {
  buildTestImage,
  docker,
  FIXTURE_LABEL,
  inspectImage,
  inspectTestImage,
  testBaseImage,
  type FixtureKeeper,
  type TestImage,
  type TestImageSpec,
} from './docker';

/**
 * The images every integration and end-to-end run starts with. All are built on the one test
 * base (the host's static busybox and its links), so they share its two layers.
 */
export const fixtureImageSpecs = {
  /** The base layers and a command that stops at once on SIGTERM; two tags, one image. */
  fixture: {
    tag: ['stowage-test/fixture:1.0', 'stowage-test/fixture:latest'],
    extraDockerfileLines: [
      `CMD ["/bin/sh","-c","trap 'exit 0' TERM; while true; do sleep 1; done"]`,
    ],
  },
  /**
   * A file layer over the base, then a layer that replaces a directory (the LAYERS.md example:
   * opt/app/new added; opt/app/x, opt/app/sub, opt/app/sub/y removed), and a web server.
   */
  layered: {
    tag: 'stowage-test/layered:1.0',
    files: {
      '/srv/index.html': '<h1>Stowage fixture</h1>\n',
      '/etc/stowage/release': 'layered 1.0\n',
      // Makes its size differ visibly from the fixture's (about 2.09 MB against 1.99 MB).
      '/srv/filler.txt': 'stowage '.repeat(12_500),
    },
    extraDockerfileLines: [
      'RUN ["/bin/sh","-c","mkdir -p /opt/app/sub && echo x > /opt/app/x && echo y > /opt/app/sub/y"]',
      'RUN ["/bin/sh","-c","rm -rf /opt/app && mkdir /opt/app && echo x > /opt/app/new"]',
      'EXPOSE 8080',
      'CMD ["/bin/httpd","-f","-p","8080","-h","/srv"]',
    ],
  },
} as const satisfies Record<string, TestImageSpec>;

export type FixtureImageName = keyof typeof fixtureImageSpecs;
export type FixtureImages = Record<FixtureImageName, TestImage>;

/**
 * `npm test` sets this so the fixture images are built once and shared by the integration
 * and the end-to-end suites; the last suite (or `npm test` itself) removes them.
 */
export const shareFixturesAcrossSuites = process.env.STOWAGE_TEST_SHARED_FIXTURES === '1';

const tagsOf = (spec: TestImageSpec) => (typeof spec.tag === 'string' ? [spec.tag] : [...spec.tag]);
/** How a fixture is built, base included: one built on an earlier base is built again. */
const specHash = (spec: TestImageSpec, baseId: string) =>
  createHash('sha256').update(JSON.stringify({ spec, baseId })).digest('hex').slice(0, 16);

/** Builds the fixture images, or reuses those built earlier in this run from the same specs. */
export async function buildFixtureImages(): Promise<FixtureImages> {
  const images: Partial<FixtureImages> = {};
  const base = await testBaseImage();
  for (const [name, spec] of Object.entries(fixtureImageSpecs)) {
    const hash = specHash(spec, base.id);
    const [tag] = tagsOf(spec);
    const existing = await inspectImage(tag as string);
    images[name as FixtureImageName] =
      existing?.Config?.Labels?.[FIXTURE_LABEL] === hash
        ? await inspectTestImage(tag as string)
        : await buildTestImage({ ...spec, labels: { [FIXTURE_LABEL]: hash } });
  }
  return images as FixtureImages;
}

/** Keeps the fixture images between suites, with only their own tags. */
export const fixtureKeeper: FixtureKeeper = {
  async dropForeignTags() {
    const own = new Set(Object.values(fixtureImageSpecs).flatMap(tagsOf));
    const tagged = await docker([
      'images',
      '--filter',
      `label=${FIXTURE_LABEL}`,
      '--format',
      '{{.Repository}}:{{.Tag}}',
    ]);
    for (const tag of tagged.split('\n').filter(Boolean)) {
      if (!own.has(tag) && !tag.includes('<none>')) await docker(['rmi', tag]);
    }
  },
};
