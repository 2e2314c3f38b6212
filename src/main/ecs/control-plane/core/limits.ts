/**
 * The sizes the simulated control plane accepts, in one place. Where AWS documents a quota
 * ("Amazon ECS service quotas", the API reference) the number is AWS's; where AWS has none, or
 * one no laptop holds (a million revisions per family), the number is one a laptop survives.
 * The README's "Limits" table lists them.
 */

// AWS's quotas.

/** RegisterTaskDefinition: the request's JSON, in bytes (AWS: 64 KiB). */
export const maxTaskDefinitionBytes = 64 * 1024;
/** ACTIVE clusters (AWS: 10,000 per account and Region). */
export const maxClusters = 10_000;
/** Registered container instances in one cluster (AWS: 5,000). */
export const maxInstancesPerCluster = 5000;
/** Container definitions in one task definition (AWS: 10). */
export const maxContainersPerTaskDefinition = 10;
/** RunTask / StartTask: the JSON of `overrides`, in characters (AWS: 8192). */
export const maxContainerOverridesChars = 8192;
/** RunTask: tasks started by one call (AWS: 10). */
export const maxTasksPerRunTask = 10;
/** Tags on one resource, and a tag's key and value (AWS: 50, 128 and 256 characters). */
export const maxTagsPerResource = 50;
export const maxTagKeyLength = 128;
export const maxTagValueLength = 256;
/** Custom attributes on one container instance (AWS: 10). */
export const maxCustomAttributesPerInstance = 10;
/** An attribute's name and value (AWS: 128 characters each). */
export const maxAttributeNameLength = 128;
export const maxAttributeValueLength = 128;

// Where AWS has no limit, or one past what a laptop holds.

/** Revisions of one task definition family (AWS: 1,000,000). */
export const maxRevisionsPerFamily = 10_000;
/** Task definition revisions of all families together, active or inactive. */
export const maxTaskDefinitionRevisions = 50_000;

/** A regular expression in a cluster query (`=~`, `!~`), in characters. */
export const maxQueryPatternLength = 512;
/**
 * The regular expressions of one cluster query together, as a bound of the linear-time
 * engine's instructions once counted repetitions are expanded (`.{1000}` counts 2004, and
 * compiles to 1002): compiling is linear in it, a few milliseconds per 1000.
 */
export const maxQueryPatternSize = 4100;
/** Comparisons in one cluster query. */
export const maxQueryComparisons = 64;
/** Nesting of one cluster query: parentheses and `not`s inside one another. */
export const maxQueryDepth = 32;
