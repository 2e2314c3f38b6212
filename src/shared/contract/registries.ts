import { z } from 'zod';
import {
  digestSchema,
  manifestDetailSchema,
  manifestReferenceSchema,
  registryAddressSchema,
  registrySummarySchema,
  repositoryNameSchema,
  repositoryPageSchema,
  tagListSchema,
  tagSchema,
} from '../domain/registries';
import { call, defineDomain } from './define';
import { noInput } from './engine';

const registryInput = z.object({ registry: registryAddressSchema }).strict();

export const registriesContract = defineDomain('registries', {
  calls: {
    /**
     * The registries the docker CLI knows (logins in config.json, credential helpers, the
     * credential store) and those added in Stowage, each with whether someone is signed in.
     */
    'registries.list': call({ input: noInput, output: z.array(registrySummarySchema) }),
    /** Remembers a registry in Stowage's list; nothing is sent to it. */
    'registries.add': call({ input: registryInput, output: registrySummarySchema }),
    /** Takes a registry off Stowage's list; a docker login to it stays. */
    'registries.forget': call({ input: registryInput, output: z.object({}) }),
    /**
     * Checks the credentials with the registry, then keeps them where `docker login` would:
     * the configured credential helper or store, else config.json. UNAUTHORIZED when the
     * registry refuses them.
     */
    'registries.signIn': call({
      input: z
        .object({
          registry: registryAddressSchema,
          username: z.string().min(1, 'A user name is needed.').max(256),
          password: z.string().min(1, 'A password or token is needed.').max(8192),
        })
        .strict(),
      output: registrySummarySchema,
    }),
    /** Removes the stored login, from wherever `docker logout` would. */
    'registries.signOut': call({ input: registryInput, output: registrySummarySchema }),
    /** One page of the registry's catalog; `next` is the `last` of the page after. */
    'registries.repositories': call({
      input: z
        .object({
          registry: registryAddressSchema,
          last: repositoryNameSchema.optional(),
          n: z.number().int().min(1).max(1000).optional(),
        })
        .strict(),
      output: repositoryPageSchema,
    }),
    'registries.tags': call({
      input: z
        .object({ registry: registryAddressSchema, repository: repositoryNameSchema })
        .strict(),
      output: tagListSchema,
    }),
    /** A manifest by tag or digest: an index (its platforms) or an image (layers, config). */
    'registries.manifest': call({
      input: z
        .object({
          registry: registryAddressSchema,
          repository: repositoryNameSchema,
          reference: manifestReferenceSchema,
        })
        .strict(),
      output: manifestDetailSchema,
    }),
    /**
     * Deletes the manifest a tag points at (the registry API deletes by digest, so every tag
     * of that manifest goes). CONFLICT when the registry does not allow deleting.
     */
    'registries.deleteTag': call({
      input: z
        .object({
          registry: registryAddressSchema,
          repository: repositoryNameSchema,
          tag: tagSchema,
        })
        .strict(),
      output: z.object({ digest: digestSchema }),
    }),
  },
});
