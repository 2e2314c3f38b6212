import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { ContainerInstance, Task } from '@aws-sdk/client-ecs';
import type Docker from 'dockerode';
import type { EcsTaskAgent } from '../../../shared/contract/ecs-agent';
import type { Clock } from '../../lib/clock';
import { Emitter } from '../../../shared/emitter';
import type { RuntimeTaskSpec } from '../control-plane/core/runtime-port';
import { ecsLabels, ownLabelFilter } from '../runtime/docker-map';
import type { TaskAgentAttachment, TaskAgentPort } from '../runtime/task-agent-port';
import {
  ensureAgentNetwork,
  instanceMetadataNetwork,
  taskAtAddress,
  taskEndpointNetwork,
} from './agent-network';
import {
  startAgentServer,
  type AgentAnswer,
  type AgentRequest,
  type AgentServer,
} from './agent-server';
import type { CallerIdentity, CredentialHolder, RandomBytes } from './credentials';
import {
  containerMetadataOf,
  metadataNetworksOf,
  taskMetadataOf,
  v3ContainerOf,
  type ContainerMetadata,
} from './metadata-map';
import { ImdsBook, instanceFactsOf } from './imds';
import {
  keptIdsOf,
  TaskBook,
  type AdoptedContainer,
  type AgentRoute,
  type AgentTaskSpec,
} from './task-book';

export interface TaskAgentOptions {
  docker: () => Docker;
  clock: Clock;
  randomBytes?: RandomBytes;
  /** Put on the agent's network (tests add their clean-up label). */
  extraLabels?: Record<string, string>;
  /** The task as the control plane describes it now. */
  describeTask(clusterArn: string, taskArn: string): Promise<Task | undefined>;
  region?: string;
  /** Where to listen; by default the agent network's gateway on port 80, else a free port. */
  listen?: { host: string; port: number };
  /** Which task an address belongs to; by default the engine is asked (the agent networks). */
  callerTaskOf?(address: string): Promise<string | undefined>;
  /** The EC2 instance behind a container instance, for its instance metadata. */
  describeInstance?(
    clusterArn: string,
    containerInstanceArn: string,
  ): Promise<ContainerInstance | undefined>;
  /** Where instance metadata listens; by default 169.254.169.254:80 on its own network. */
  imdsListen?: { host: string; port: number };
}

/** Where the agent listens and how tasks are told so. */
export interface TaskAgentEndpoint {
  baseUrl: string;
  /** True when the SDK's relative URI works (port 80 of 169.254.170.2); else the full URI is given. */
  relativeUri: boolean;
}

/**
 * The ECS container agent's task endpoints for the Docker runtime: each task's containers get
 * `ECS_CONTAINER_METADATA_URI_V4` (and v3) and, with a task role, the credentials URI, served
 * from the host's side of an internal Docker network whose gateway is 169.254.170.2. A request
 * is answered for the task its source address belongs to, and only about that task.
 */
export class TaskAgent implements TaskAgentPort {
  readonly book: TaskBook;
  private readonly imds: ImdsBook;
  private readonly changes = new Emitter<string>();
  private readonly callers = new Map<string, string>();
  private readonly region: string;
  private starting:
    Promise<{ server: AgentServer; imds?: AgentServer; endpoint: TaskAgentEndpoint }> | undefined;
  private listening: TaskAgentEndpoint | undefined;
  private problem: string | undefined;
  private imdsProblem: string | undefined;
  private imdsServer: AgentServer | undefined;

  constructor(private readonly options: TaskAgentOptions) {
    const random = options.randomBytes ?? ((size: number) => cryptoRandomBytes(size));
    this.book = new TaskBook(options.clock, random);
    this.region = options.region ?? 'us-east-1';
    this.imds = new ImdsBook(options.clock, random, this.book.credentials, this.region);
  }

  /**
   * Starts listening (once); the base URL tasks are given. Port 80 first; without it,
   * `keptPort` (what running containers were told before a restart), else a free one.
   */
  async endpoint(keptPort?: number): Promise<TaskAgentEndpoint> {
    this.starting ??= this.start(keptPort).then(
      (started) => {
        this.listening = started.endpoint;
        this.imdsServer = started.imds;
        this.problem = undefined;
        return started;
      },
      (error: unknown) => {
        this.starting = undefined;
        this.problem = `The container agent could not listen: ${String(error)}`.slice(0, 300);
        throw error;
      },
    );
    return (await this.starting).endpoint;
  }

  async attach(spec: RuntimeTaskSpec): Promise<TaskAgentAttachment | undefined> {
    if (spec.networkMode !== 'bridge' && spec.networkMode !== 'awsvpc') return undefined;
    const endpoint = await this.endpoint();
    const awsvpc = spec.networkMode === 'awsvpc';
    // Fargate has no instance metadata; a task on an EC2 instance reaches its instance's, unless
    // the instance's agent keeps awsvpc tasks from it (ECS_AWSVPC_BLOCK_IMDS).
    const imds =
      (await this.starting)?.imds !== undefined &&
      !this.options.imdsListen &&
      spec.containerInstanceArn !== undefined &&
      !(
        awsvpc &&
        (await this.instanceOf(spec.clusterArn, spec.containerInstanceArn))?.awsvpcBlockImds
      );
    this.book.register(agentSpecOf(spec));
    this.changes.emit(spec.taskArn);
    const grant = this.book.taskRoleGrantOf(spec.taskArn);
    return {
      networks: [
        ...(this.options.listen ? [] : [taskEndpointNetwork.name]),
        ...(imds ? [instanceMetadataNetwork.name] : []),
      ],
      environmentOf: (containerName) => {
        const id = this.book.metadataIdOf(spec.taskArn, containerName);
        const credentialsPath = grant ? `/v2/credentials/${grant}` : undefined;
        return [
          ...(id
            ? [
                `ECS_CONTAINER_METADATA_URI_V4=${endpoint.baseUrl}/v4/${id}`,
                `ECS_CONTAINER_METADATA_URI=${endpoint.baseUrl}/v3/${id}`,
              ]
            : []),
          ...(credentialsPath
            ? [
                endpoint.relativeUri
                  ? `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=${credentialsPath}`
                  : `AWS_CONTAINER_CREDENTIALS_FULL_URI=${endpoint.baseUrl}${credentialsPath}`,
              ]
            : []),
          `AWS_EXECUTION_ENV=${spec.containerInstanceArn ? 'AWS_ECS_EC2' : 'AWS_ECS_FARGATE'}`,
          `AWS_DEFAULT_REGION=${this.region}`,
          `AWS_REGION=${this.region}`,
        ];
      },
    };
  }

  /**
   * Serves again a task whose containers were already running when the app started: it is
   * registered with the ids its containers' environment names, so the URIs they hold work.
   */
  async adopt(spec: RuntimeTaskSpec, containers: readonly AdoptedContainer[]): Promise<void> {
    if (spec.networkMode !== 'bridge' && spec.networkMode !== 'awsvpc') return;
    const kept = keptIdsOf(containers);
    await this.endpoint(kept.port);
    this.book.register(agentSpecOf(spec), kept);
    this.changes.emit(spec.taskArn);
  }

  release(taskArn: string): void {
    this.book.release(taskArn);
    for (const [address, owner] of this.callers) {
      if (owner === taskArn) this.callers.delete(address);
    }
    this.changes.emit(taskArn);
  }

  /** The port instance metadata listens on, once started (tests point the SDK at it). */
  imdsPort(): number | undefined {
    return this.imdsServer?.port;
  }

  /** STS's view of credentials this agent minted, with the secret to check a signature. */
  holderOf(accessKeyId: string, sessionToken: string | undefined): CredentialHolder | undefined {
    return this.book.credentials.holderOf(accessKeyId, sessionToken);
  }

  /** STS's view of credentials this agent minted. */
  identify(accessKeyId: string, sessionToken: string | undefined): CallerIdentity | undefined {
    return this.book.credentials.identify(accessKeyId, sessionToken);
  }

  /** What the task detail shows: roles, the access key id and expiry, the task's requests. */
  view(taskArn: string): EcsTaskAgent {
    const problems = [this.problem, this.imdsProblem].filter(Boolean).join(' ');
    const problem = problems ? { problem: problems } : {};
    return {
      served: this.book.isServed(taskArn),
      ...(this.listening || problems
        ? { endpoint: { baseUrl: '', relativeUri: false, ...this.listening, ...problem } }
        : {}),
      roles: this.book.grantsOf(taskArn),
      requests: [...this.book.requestsOf(taskArn)],
    };
  }

  /** Told the ARN of a task whose agent view changed (a request, a role fetched, a release). */
  onChange(listener: (taskArn: string) => void): () => void {
    return this.changes.on(listener);
  }

  async close(): Promise<void> {
    const started = this.starting;
    this.starting = undefined;
    this.listening = undefined;
    this.imdsServer = undefined;
    const servers = await started?.catch(() => undefined);
    await Promise.all([servers?.server.close(), servers?.imds?.close()]);
  }

  private async start(keptPort: number | undefined) {
    const handler = (request: AgentRequest) => this.handle(request);
    const imdsHandler = (request: AgentRequest) => this.handleImds(request);
    let server: AgentServer;
    let imds: AgentServer | undefined;
    if (this.options.listen) {
      server = await startAgentServer({ ...this.options.listen, handler });
      if (this.options.imdsListen) {
        imds = await startAgentServer({
          ...this.options.imdsListen,
          handler: imdsHandler,
          extraMethods: ['PUT'],
        });
      }
    } else {
      await ensureAgentNetwork(
        this.options.docker(),
        taskEndpointNetwork,
        this.options.extraLabels ?? {},
      );
      const host = taskEndpointNetwork.gateway;
      // Port 80 needs privileges: without them, a free port and the SDK's full URI.
      server = await startAgentServer({ host, port: 80, handler })
        .catch((error: unknown) => {
          if (keptPort === undefined) throw error;
          return startAgentServer({ host, port: keptPort, handler });
        })
        .catch(() => startAgentServer({ host, port: 0, handler }));
      imds = await this.startImds(imdsHandler).catch((error: unknown) => {
        this.imdsProblem = `Instance metadata is not served: ${String(error)}`.slice(0, 300);
        return undefined;
      });
    }
    const port = server.port === 80 ? '' : `:${server.port}`;
    const baseUrl = `http://${server.host}${port}`;
    const endpoint = { baseUrl, relativeUri: server.port === 80 };
    return { server, ...(imds ? { imds } : {}), endpoint };
  }

  /** 169.254.169.254 on port 80, as on EC2: SDKs know no other address for it. */
  private async startImds(handler: (request: AgentRequest) => Promise<AgentAnswer>) {
    const docker = this.options.docker();
    await ensureAgentNetwork(docker, instanceMetadataNetwork, this.options.extraLabels ?? {});
    const host = instanceMetadataNetwork.gateway;
    return startAgentServer({ host, port: 80, handler, extraMethods: ['PUT'] });
  }

  private async handleImds(request: AgentRequest): Promise<AgentAnswer> {
    const network = instanceMetadataNetwork.name;
    const caller = await this.callerTaskOf(request.remoteAddress, network).catch(() => undefined);
    const spec = caller && this.book.isServed(caller) ? this.book.specOf(caller) : undefined;
    const instanceArn = spec?.containerInstanceArn;
    const instance =
      spec && instanceArn ? await this.instanceOf(spec.clusterArn, instanceArn) : undefined;
    const blocked = spec?.awsvpc === true && instance?.awsvpcBlockImds === true;
    const answer = this.imds.answer(
      blocked ? undefined : instance,
      request.method,
      request.path,
      request.header,
    );
    if (caller) {
      this.book.record(caller, request.method, `imds ${request.path}`, answer.status);
      this.changes.emit(caller);
    }
    return answer;
  }

  /** The EC2 instance behind a container instance, as instance metadata tells it. */
  private async instanceOf(clusterArn: string, instanceArn: string) {
    const described = await this.options
      .describeInstance?.(clusterArn, instanceArn)
      .catch(() => undefined);
    return described ? instanceFactsOf(described) : undefined;
  }

  private async callerTaskOf(
    address: string,
    network = taskEndpointNetwork.name,
  ): Promise<string | undefined> {
    if (this.options.callerTaskOf) return this.options.callerTaskOf(address);
    const known = this.callers.get(address);
    if (known) return known;
    const found = await taskAtAddress(this.options.docker(), network, address);
    if (found && this.book.isServed(found)) this.callers.set(address, found);
    return found;
  }

  private async handle(request: AgentRequest): Promise<AgentAnswer> {
    const caller = await this.callerTaskOf(request.remoteAddress).catch(() => undefined);
    const route = this.book.route(caller, request.path);
    const answer = await this.answer(route).catch(() => jsonAnswer(500, { message: 'Failed.' }));
    const taskArn = route.kind === 'refused' ? route.taskArn : route.taskArn;
    if (taskArn) {
      this.book.record(taskArn, request.method, request.path, answer.status);
      this.changes.emit(taskArn);
    }
    return answer;
  }

  private async answer(route: AgentRoute): Promise<AgentAnswer> {
    if (route.kind === 'refused') return jsonAnswer(route.status, { message: route.message });
    if (route.kind === 'credentials') {
      const grant = this.book.credentials.grantOf(route.grantId);
      const minted = this.book.credentials.fetch(route.grantId);
      if (!grant || !minted) return jsonAnswer(403, { message: 'The task has stopped.' });
      return jsonAnswer(200, {
        RoleArn: grant.roleArn,
        AccessKeyId: minted.accessKeyId,
        SecretAccessKey: minted.secretAccessKey,
        Token: minted.sessionToken,
        Expiration: new Date(minted.expiration).toISOString(),
      });
    }
    const spec = this.book.specOf(route.taskArn);
    const task = spec ? await this.options.describeTask(spec.clusterArn, route.taskArn) : undefined;
    if (!task) return jsonAnswer(404, { message: 'The task is not known.' });
    const containers = await this.containersOf(route.taskArn);
    if (route.what === 'container-stats' || route.what === 'task-stats') {
      const wanted =
        route.what === 'task-stats'
          ? containers.task
          : containers.task.filter((c) => nameOf(c) === route.containerName);
      const stats = await Promise.all(
        wanted.map(async (c) => [c.Id, await this.statsOf(c.Id)] as const),
      );
      return route.what === 'task-stats'
        ? jsonAnswer(200, Object.fromEntries(stats))
        : jsonAnswer(200, stats[0]?.[1] ?? {});
    }
    const metadata = (task.containers ?? []).map((container): ContainerMetadata => {
      const inspected = containers.task.find((c) => nameOf(c) === container.name);
      const networks = metadataNetworksOf(
        inspected,
        {
          agentNetworks: new Set([taskEndpointNetwork.name, instanceMetadataNetwork.name]),
          networkMode: containers.networkMode,
          region: this.region,
        },
        containers.owner?.NetworkSettings.Networks,
      );
      const shaped = containerMetadataOf(task, container, inspected, networks);
      return route.version === 'v3' ? v3ContainerOf(shaped) : shaped;
    });
    if (route.what === 'task') return jsonAnswer(200, taskMetadataOf(task, metadata));
    const own = metadata.find((c) => c.Name === route.containerName);
    return own ? jsonAnswer(200, own) : jsonAnswer(404, { message: 'No such container.' });
  }

  /** The task's containers as Docker inspects them, and its namespace owner (awsvpc). */
  private async containersOf(taskArn: string) {
    const docker = this.options.docker();
    const listed = await docker.listContainers({
      all: true,
      filters: { label: [ownLabelFilter, `${ecsLabels.taskArn}=${taskArn}`] },
    });
    const inspected = await Promise.all(
      listed.map((c) =>
        docker
          .getContainer(c.Id)
          .inspect()
          .catch(() => undefined),
      ),
    );
    const present = inspected.filter((c): c is Docker.ContainerInspectInfo => c !== undefined);
    const owner = present.find((c) => c.Config.Labels['dev.stowage.ecs.role'] !== undefined);
    return {
      task: present.filter((c) => c !== owner),
      owner,
      networkMode: owner ? 'awsvpc' : 'bridge',
    };
  }

  private async statsOf(id: string): Promise<unknown> {
    return this.options
      .docker()
      .getContainer(id)
      .stats({ stream: false })
      .catch(() => ({}));
  }
}

/** What the agent's book keeps of a task the runtime starts or adopts. */
function agentSpecOf(spec: RuntimeTaskSpec): AgentTaskSpec {
  return {
    taskArn: spec.taskArn,
    clusterArn: spec.clusterArn,
    containerNames: spec.containers.map((c) => c.name),
    containerInstanceArn: spec.containerInstanceArn,
    awsvpc: spec.networkMode === 'awsvpc',
    taskRoleArn: spec.taskRoleArn,
    executionRoleArn: spec.executionRoleArn,
  };
}

const nameOf = (container: Docker.ContainerInspectInfo) =>
  container.Config.Labels[ecsLabels.containerName];

function jsonAnswer(status: number, value: unknown): AgentAnswer {
  return { status, body: JSON.stringify(value) };
}
