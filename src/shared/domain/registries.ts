import { z } from 'zod';

const hostPattern =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

/** Docker Hub's names; the docker CLI keeps its login under the v1 index URL. */
export const dockerHubAddress = 'docker.io';
const dockerHubAliases = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * A registry as the docker CLI names it: `host[:port]`, lower case, no scheme or path
 * (`https://Ghcr.io/v2/` is `ghcr.io`; every Docker Hub alias is `docker.io`). Undefined when
 * the text names no host.
 */
export function registryAddressOf(text: string): string | undefined {
  const host = text
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/\/.*$/, '');
  if (host.length === 0 || host.length > 255 || !hostPattern.test(host)) return undefined;
  const port = /:(\d+)$/.exec(host)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65_535)) return undefined;
  return dockerHubAliases.has(host) ? dockerHubAddress : host;
}

/** A registry address, already in the form `registryAddressOf` gives. */
export const registryAddressSchema = z
  .string()
  .max(255)
  .refine((value) => registryAddressOf(value) === value, {
    message: 'A registry is host[:port], lower case, without a scheme or path (localhost:5000).',
  });

/** A repository name as the Distribution spec allows it (`team/app`). */
export const repositoryNameSchema = z
  .string()
  .max(255)
  .regex(
    /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/,
    'A repository is lower-case path parts: team/app.',
  );

export const tagSchema = z
  .string()
  .regex(/^[\w][\w.-]{0,127}$/, 'A tag is up to 128 letters, digits, _ . and -.');

export const digestSchema = z
  .string()
  .max(200)
  .regex(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/, 'Not a digest (sha256:…).');

/** A manifest is named by a tag or a digest. */
export const manifestReferenceSchema = z.union([tagSchema, digestSchema]);

export const registrySummarySchema = z.object({
  registry: z.string(),
  signedIn: z.boolean(),
  /** Who is signed in; never the password or token. */
  username: z.string().optional(),
  /** Where the login is or would be kept: `config.json` or `docker-credential-<name>`. */
  credentialStore: z.string(),
  /** Known from the docker CLI's config (or its credential store) and/or added in Stowage. */
  fromDocker: z.boolean(),
  addedInStowage: z.boolean(),
  /** Why the sign-in state could not be read (a credential helper that failed). */
  problem: z.string().optional(),
});
export type RegistrySummary = z.infer<typeof registrySummarySchema>;

export const repositoryPageSchema = z.object({
  repositories: z.array(z.string()),
  /** Pass as `last` for the next page; absent on the last page. */
  next: z.string().optional(),
});
export type RepositoryPage = z.infer<typeof repositoryPageSchema>;

export const tagListSchema = z.object({
  repository: z.string(),
  tags: z.array(z.string()),
  /** More tags than Stowage reads were there. */
  truncated: z.boolean(),
});
export type TagList = z.infer<typeof tagListSchema>;

export const platformSchema = z.object({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
});

export const manifestDetailSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('index'),
    digest: z.string(),
    mediaType: z.string(),
    manifests: z.array(
      z.object({
        digest: z.string(),
        mediaType: z.string(),
        size: z.number(),
        platform: platformSchema.optional(),
      }),
    ),
  }),
  z.object({
    kind: z.literal('image'),
    digest: z.string(),
    mediaType: z.string(),
    layers: z.array(z.object({ digest: z.string(), mediaType: z.string(), size: z.number() })),
    config: z.object({
      digest: z.string(),
      mediaType: z.string(),
      size: z.number(),
      /** Epoch milliseconds, from the config blob. */
      created: z.number().optional(),
      architecture: z.string().optional(),
      os: z.string().optional(),
    }),
    /** Bytes of the config and every layer, compressed, as the registry stores them. */
    totalSize: z.number(),
  }),
]);
export type ManifestDetail = z.infer<typeof manifestDetailSchema>;
