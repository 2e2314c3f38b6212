import { z } from 'zod';
import {
  ecsReferenceSchema,
  ecsServiceDeploymentViewSchema,
  ecsServiceRevisionSchema,
  ecsServiceSchema,
} from '../domain/ecs';
import { call } from './define';
import { noInput } from './engine';

// Shapes only, as for the other ECS calls: the control plane checks what a request means, so
// the app gets the same exceptions and messages as the ECS API.
const cluster = ecsReferenceSchema;
const service = ecsReferenceSchema;
/** A request exactly as `@aws-sdk/client-ecs` names it (CreateServiceRequest, …). */
const sdkRequest = z.record(z.string(), z.unknown());

/** One file of an export: its name and its text. */
const exportFileSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[A-Za-z0-9._-]+$/, 'A file name of letters, digits, dots, dashes, underscores.'),
    text: z.string().max(1_000_000),
  })
  .strict();
export type EcsExportFile = z.infer<typeof exportFileSchema>;

/** ECS services: the scheduler's resource, with its deployments and revisions. */
export const ecsServiceCalls = {
  /** The cluster's ACTIVE and DRAINING services, described with their deployments and events. */
  'ecs.services.list': call({
    input: z.object({ cluster }).strict(),
    output: z.array(ecsServiceSchema),
  }),
  'ecs.services.describe': call({
    input: z.object({ cluster, service }).strict(),
    output: ecsServiceSchema,
  }),
  /** A CreateServiceRequest. */
  'ecs.services.create': call({
    input: z.object({ request: sdkRequest }).strict(),
    output: ecsServiceSchema,
  }),
  /** The text `aws ecs create-service --cli-input-json` takes. */
  'ecs.services.createJson': call({
    input: z.object({ json: z.string().max(1_000_000) }).strict(),
    output: ecsServiceSchema,
  }),
  /** An UpdateServiceRequest: desired count, revision, deployment configuration, force… */
  'ecs.services.update': call({
    input: z.object({ request: sdkRequest }).strict(),
    output: ecsServiceSchema,
  }),
  /** Without `force`, a service with a desired count above 0 is refused as ECS refuses it. */
  'ecs.services.delete': call({
    input: z.object({ cluster, service, force: z.boolean() }).strict(),
    output: ecsServiceSchema,
  }),
  /**
   * The service's deployments from ListServiceDeployments, described, newest first, each with
   * the target groups its tasks serve in.
   */
  'ecs.services.deployments': call({
    input: z.object({ cluster, service }).strict(),
    output: z.array(ecsServiceDeploymentViewSchema),
  }),
  /**
   * StopServiceDeployment with the ROLLBACK stop type (the one ECS takes by default): the
   * deployment in progress stops and the service goes back to the last revision that completed.
   */
  'ecs.services.stopDeployment': call({
    input: z.object({ serviceDeploymentArn: ecsReferenceSchema }).strict(),
    output: z.object({ serviceDeploymentArn: z.string() }),
  }),
  'ecs.services.revisions': call({
    input: z.object({ serviceRevisionArns: z.array(ecsReferenceSchema).min(1).max(20) }).strict(),
    output: z.array(ecsServiceRevisionSchema),
  }),
};

/** The faults a demo injects, to watch services recover. */
export const ecsFaultCalls = {
  /** Fault injection: kills a task's container (an essential one when none is named). */
  'ecs.faults.killContainer': call({
    input: z
      .object({ cluster, task: ecsReferenceSchema, containerName: z.string().max(255).optional() })
      .strict(),
    output: z.object({}),
  }),
  /**
   * Fault injection: an availability zone goes away (its instances' agents disconnect and
   * nothing is placed there, Fargate included) or comes back.
   */
  'ecs.faults.setZone': call({
    input: z
      .object({ availabilityZone: z.string().min(1).max(64), available: z.boolean() })
      .strict(),
    output: z.object({}),
  }),
  /** The zones a fault has taken away. */
  'ecs.faults.zones': call({
    input: noInput,
    output: z.object({ unavailableZones: z.array(z.string()) }),
  }),
};

/** The way to real AWS and back. */
export const ecsExportCalls = {
  /**
   * A cluster's task definitions and services as AWS CLI input files
   * (`register-task-definition` / `create-service --cli-input-json`), a script running them,
   * and a CloudFormation template deploying the same on real ECS.
   */
  'ecs.export': call({
    input: z.object({ cluster }).strict(),
    output: z.object({ files: z.array(exportFileSchema) }),
  }),
  /** Recreates what an export holds in `cluster`: task definitions first, then services. */
  'ecs.import': call({
    input: z.object({ cluster, files: z.array(exportFileSchema).min(1).max(200) }).strict(),
    output: z.object({
      taskDefinitions: z.array(z.string()),
      services: z.array(z.string()),
      failures: z.array(z.object({ file: z.string(), reason: z.string() })),
    }),
  }),
};
