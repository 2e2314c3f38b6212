import type {
  CapacityProvider,
  DescribeCapacityProvidersResponse,
  Failure,
} from '@aws-sdk/client-ecs';
import { activeCluster } from '../clusters/operations';
import { arnPrefix, type EcsSettings } from '../core/arns';
import type { PlaneContext } from '../core/context';
import { EcsApiError } from '../core/ecs-api-error';
import { paginate } from '../core/pagination';
import { Params } from '../core/params';

/** The capacity providers every account has: Fargate, on demand and spot. */
const defaultProviders = ['FARGATE', 'FARGATE_SPOT'] as const;

const maxNames = 100;
const maxPageSize = 10;

function providerArn(settings: EcsSettings, name: string): string {
  return `${arnPrefix(settings)}capacity-provider/${name}`;
}

/** A provider given by name or ARN, as its name. */
function providerNameOf(ref: string): string {
  const match = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:capacity-provider\/(.+)$/.exec(ref);
  return match?.[1] ?? ref;
}

function toCapacityProvider(
  settings: EcsSettings,
  name: (typeof defaultProviders)[number],
  withTags: boolean,
): CapacityProvider {
  return {
    capacityProviderArn: providerArn(settings, name),
    name,
    status: 'ACTIVE',
    type: name,
    ...(withTags ? { tags: [] } : {}),
  };
}

/**
 * DescribeCapacityProviders: the named providers (names or ARNs, a missing one as a failure),
 * or every one, in pages of up to 10. Given a cluster, only the providers associated with it,
 * and a cluster here has none (as one created without capacity providers).
 */
export function describeCapacityProviders(
  ctx: PlaneContext,
  input: unknown,
): DescribeCapacityProvidersResponse {
  const params = Params.of(input);
  const refs = params.stringList('capacityProviders');
  if (refs && refs.length > maxNames) {
    throw new EcsApiError(
      'InvalidParameterException',
      `capacityProviders can have at most ${maxNames} items.`,
    );
  }
  const withTags = (params.stringList('include') ?? []).includes('TAGS');
  const maxResults = params.integer('maxResults', { min: 1, max: maxPageSize });
  const nextToken = params.string('nextToken');
  const clusterRef = params.string('cluster');
  // A cluster is checked to exist; none has capacity providers associated (as toCluster shows).
  if (clusterRef !== undefined) activeCluster(ctx, clusterRef);
  const available: readonly string[] = clusterRef === undefined ? defaultProviders : [];

  const found: (typeof defaultProviders)[number][] = [];
  const failures: Failure[] = [];
  for (const ref of refs ?? available) {
    const name = providerNameOf(ref);
    const known = defaultProviders.find((provider) => provider === name);
    if (known && available.includes(known)) found.push(known);
    else failures.push({ arn: providerArn(ctx.settings, name), reason: 'MISSING' });
  }
  const page = paginate(found, nextToken, maxResults ?? maxPageSize);
  return {
    capacityProviders: page.page.map((name) => toCapacityProvider(ctx.settings, name, withTags)),
    failures: nextToken === undefined ? failures : [],
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}
