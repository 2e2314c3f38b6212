import { z } from 'zod';

// The docker reference grammar (distribution/reference): [domain[:port]/]path[:tag][@digest].
const component = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const domainPart = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainPart}(?:\\.${domainPart})*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?)`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = 'sha256:[a-f0-9]{64}';
const referencePattern = new RegExp(
  `^(?:${domain}/)?${component}(?:/${component})*(?::${tag})?(?:@${digest})?$`,
);

/** An image reference as `docker pull` takes it: `busybox`, `localhost:5000/team/app:1.0`. */
export const imageReferenceSchema = z
  .string()
  .min(1, 'Give an image reference, such as busybox:latest.')
  .max(512, 'An image reference is at most 512 characters.')
  .regex(
    referencePattern,
    'Not an image reference: use lower-case [registry/]name[:tag][@digest], e.g. localhost:5000/app:1.0.',
  );

const imageIdPattern = /^(?:sha256:)?[a-f0-9]{12,64}$/;

/** A local image: its id (full or short) or one of its references. */
export const imageIdOrReferenceSchema = z
  .string()
  .min(1, 'Name an image by id or reference.')
  .max(512, 'An image reference is at most 512 characters.')
  .refine((value) => imageIdPattern.test(value) || referencePattern.test(value), {
    message:
      'Not an image id or image reference: use an id (sha256:…) or lower-case [registry/]name[:tag].',
  });
