import { z } from 'zod';
import {
  containerRefInputSchema,
  gatewayProblem,
  ipv4AddressSchema,
  ipv4CidrSchema,
  networkDetailSchema,
  networkNameSchema,
  networkPrunePreviewSchema,
  networkPruneResultSchema,
  networkRefSchema,
  networkSummarySchema,
} from '../domain/networks';
import { labelsSchema } from '../domain/volumes';
import { call, defineDomain } from './define';
import { noInput } from './engine';

const attachment = z.object({ network: networkRefSchema, container: containerRefInputSchema });

export const networksContract = defineDomain('networks', {
  calls: {
    /** Every network, with its subnets and the containers attached (with their IPv4). */
    'networks.list': call({ input: noInput, output: z.array(networkSummarySchema) }),
    'networks.inspect': call({
      input: z.object({ network: networkRefSchema }).strict(),
      output: networkDetailSchema,
    }),
    /** A bridge network, with an optional IPv4 subnet and gateway. */
    'networks.create': call({
      input: z
        .object({
          name: networkNameSchema,
          subnet: ipv4CidrSchema.optional(),
          gateway: ipv4AddressSchema.optional(),
          internal: z.boolean().optional(),
          attachable: z.boolean().optional(),
          labels: labelsSchema.optional(),
        })
        .strict()
        .superRefine((input, context) => {
          if (input.gateway === undefined) return;
          const problem = gatewayProblem(input.gateway, input.subnet);
          if (problem) context.addIssue({ code: 'custom', path: ['gateway'], message: problem });
        }),
      output: networkDetailSchema,
    }),
    /**
     * Removes a network. The predefined ones (bridge, host, none) are refused, and so is one
     * with containers attached (running or not), with CONFLICT naming them.
     */
    'networks.remove': call({
      input: z.object({ network: networkRefSchema }).strict(),
      output: z.object({ name: z.string() }),
    }),
    /** Attaches a container to a network, with a fixed IPv4 address if given. */
    'networks.connect': call({
      input: attachment.extend({ ipv4Address: ipv4AddressSchema.optional() }).strict(),
      output: z.object({ network: z.string(), container: z.string() }),
    }),
    /** Detaches a container; `force` also detaches one the engine cannot reach cleanly. */
    'networks.disconnect': call({
      input: attachment.extend({ force: z.boolean().optional() }).strict(),
      output: z.object({ network: z.string(), container: z.string() }),
    }),
    /** The networks of your own that no container is attached to. */
    'networks.prunePreview': call({ input: noInput, output: networkPrunePreviewSchema }),
    /** Removes the networks a preview listed, each only if still nothing is attached. */
    'networks.prune': call({
      input: z.object({ ids: z.array(z.string().regex(/^[a-f0-9]{64}$/)).max(10_000) }).strict(),
      output: networkPruneResultSchema,
    }),
  },
});
