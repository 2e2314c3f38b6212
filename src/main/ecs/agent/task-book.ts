import type { Clock } from '../../lib/clock';
import { CredentialBook, uuidFrom, type GrantSummary, type RandomBytes } from './credentials';

/** What the agent is told of a task when the runtime starts it. */
export interface AgentTaskSpec {
  taskArn: string;
  clusterArn: string;
  containerNames: readonly string[];
  /** The container instance the task runs on; absent on Fargate. */
  containerInstanceArn?: string | undefined;
  /** The task has its own network interface (awsvpc), which the agent may keep from IMDS. */
  awsvpc?: boolean | undefined;
  taskRoleArn?: string | undefined;
  executionRoleArn?: string | undefined;
}

/** The ids a task's containers were given, read back from their environment after a restart. */
export interface KeptAgentIds {
  /** Container name → the id in its metadata URI. */
  metadataIds: ReadonlyMap<string, string>;
  /** The id in the task-role credentials URI. */
  taskRoleGrant?: string;
  /** The agent's port the URIs name, when it was not 80. */
  port?: number;
}

/** A container the runtime found running at its start, and the environment it was created with. */
export interface AdoptedContainer {
  name: string;
  environment: readonly string[];
}

const keptMetadataUri =
  /^ECS_CONTAINER_METADATA_URI_V4=http:\/\/[^/:]+(?::(\d{1,5}))?\/v4\/([0-9a-f-]{36})$/;
const keptCredentialsUri =
  /^AWS_CONTAINER_CREDENTIALS_(?:RELATIVE_URI=|FULL_URI=http:\/\/[^/]+)\/v2\/credentials\/([0-9a-f-]{36})$/;

/**
 * The agent ids in the environment of a task's containers, as `attach` wrote them: each
 * container's metadata id, the task role's grant id, and the port when it was not 80.
 */
export function keptIdsOf(containers: readonly AdoptedContainer[]): KeptAgentIds {
  const metadataIds = new Map<string, string>();
  let taskRoleGrant: string | undefined;
  let port: number | undefined;
  for (const container of containers) {
    for (const line of container.environment) {
      const metadata = keptMetadataUri.exec(line);
      if (metadata?.[2]) {
        metadataIds.set(container.name, metadata[2]);
        if (metadata[1]) port = Number(metadata[1]);
      }
      taskRoleGrant ??= keptCredentialsUri.exec(line)?.[1];
    }
  }
  return {
    metadataIds,
    ...(taskRoleGrant ? { taskRoleGrant } : {}),
    ...(port ? { port } : {}),
  };
}

/** A request a task made to the agent, as the task detail lists it (never with a credential). */
export interface AgentRequestRecord {
  at: number;
  method: string;
  /** The path with any credentials id or metadata id cut to its first characters. */
  path: string;
  status: number;
}

export type AgentRoute =
  | {
      kind: 'metadata';
      version: 'v3' | 'v4';
      taskArn: string;
      containerName: string;
      what: 'container' | 'container-stats' | 'task' | 'task-stats';
    }
  | { kind: 'credentials'; taskArn: string; grantId: string }
  | { kind: 'refused'; status: number; message: string; taskArn?: string };

interface TaskEntry {
  spec: AgentTaskSpec;
  /** Container name → the id in its metadata URI. */
  metadataIds: Map<string, string>;
  taskRoleGrant?: string;
  executionRoleGrant?: string;
  requests: AgentRequestRecord[];
}

/** How many requests a task's log keeps (the newest). */
export const maxLoggedRequests = 200;

const metadataPath = /^\/(v3|v4)\/([0-9a-f-]{36})(\/task)?(\/stats)?\/?$/;
const credentialsPath = /^\/v2\/credentials\/([0-9a-f-]{36})\/?$/;

/**
 * The agent's record of the tasks it serves: the ids in each container's metadata URI, the
 * task's role grants, and what each task asked. `route` decides a request from what the
 * caller is (the task its address belongs to, found by the edge) and the path it asks for: a
 * task gets only its own metadata and its own task role, never the execution role, and
 * nothing once it has stopped.
 */
export class TaskBook {
  readonly credentials: CredentialBook;
  private readonly tasks = new Map<string, TaskEntry>();
  private readonly metadataOwners = new Map<string, { taskArn: string; containerName: string }>();

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly randomBytes: RandomBytes,
    credentials?: CredentialBook,
  ) {
    this.credentials = credentials ?? new CredentialBook(clock, randomBytes);
  }

  /**
   * Registers a task (once: a second call returns what the first made). `kept` holds the ids
   * its running containers were given before a restart: they name the same things again.
   */
  register(spec: AgentTaskSpec, kept?: KeptAgentIds): void {
    if (this.tasks.has(spec.taskArn)) return;
    const taskId = spec.taskArn.slice(spec.taskArn.lastIndexOf('/') + 1);
    const entry: TaskEntry = { spec, metadataIds: new Map(), requests: [] };
    for (const name of spec.containerNames) {
      const keptId = kept?.metadataIds.get(name);
      const id =
        keptId !== undefined && !this.metadataOwners.has(keptId)
          ? keptId
          : uuidFrom(this.randomBytes(16));
      entry.metadataIds.set(name, id);
      this.metadataOwners.set(id, { taskArn: spec.taskArn, containerName: name });
    }
    const grant = (kind: 'task' | 'execution', roleArn: string | undefined, keptId?: string) =>
      roleArn
        ? this.credentials.grant(
            { kind, roleArn, subject: spec.taskArn, sessionName: taskId },
            keptId,
          )
        : undefined;
    const taskRoleGrant = grant('task', spec.taskRoleArn, kept?.taskRoleGrant);
    const executionRoleGrant = grant('execution', spec.executionRoleArn);
    if (taskRoleGrant) entry.taskRoleGrant = taskRoleGrant;
    if (executionRoleGrant) entry.executionRoleGrant = executionRoleGrant;
    this.tasks.set(spec.taskArn, entry);
  }

  /** The task has stopped: its metadata ids and credentials stop working; its log is kept. */
  release(taskArn: string): void {
    const entry = this.tasks.get(taskArn);
    if (!entry) return;
    for (const id of entry.metadataIds.values()) this.metadataOwners.delete(id);
    entry.metadataIds.clear();
    delete entry.taskRoleGrant;
    delete entry.executionRoleGrant;
    this.credentials.revokeSubject(taskArn);
  }

  /** Forgets a task altogether, its log too. */
  forget(taskArn: string): void {
    this.release(taskArn);
    this.tasks.delete(taskArn);
  }

  isServed(taskArn: string): boolean {
    return (this.tasks.get(taskArn)?.metadataIds.size ?? 0) > 0;
  }

  metadataIdOf(taskArn: string, containerName: string): string | undefined {
    return this.tasks.get(taskArn)?.metadataIds.get(containerName);
  }

  taskRoleGrantOf(taskArn: string): string | undefined {
    return this.tasks.get(taskArn)?.taskRoleGrant;
  }

  /** The runtime's own grant for the task (its image pulls and logs): never served to the task. */
  executionRoleGrantOf(taskArn: string): string | undefined {
    return this.tasks.get(taskArn)?.executionRoleGrant;
  }

  specOf(taskArn: string): AgentTaskSpec | undefined {
    return this.tasks.get(taskArn)?.spec;
  }

  grantsOf(taskArn: string): GrantSummary[] {
    return this.credentials.summariesOf(taskArn);
  }

  requestsOf(taskArn: string): readonly AgentRequestRecord[] {
    return this.tasks.get(taskArn)?.requests ?? [];
  }

  /** Where a GET from `callerTaskArn` (undefined: not a task of this app) for `path` goes. */
  route(callerTaskArn: string | undefined, path: string): AgentRoute {
    if (callerTaskArn === undefined || !this.isServed(callerTaskArn)) {
      return refused(403, 'This endpoint answers running tasks of this app only.');
    }
    const metadata = metadataPath.exec(path);
    if (metadata) {
      const owner = this.metadataOwners.get(metadata[2] ?? '');
      if (!owner || owner.taskArn !== callerTaskArn) {
        return refused(403, 'A task reads its own metadata only.', callerTaskArn);
      }
      const task = metadata[3] !== undefined;
      const stats = metadata[4] !== undefined;
      return {
        kind: 'metadata',
        version: metadata[1] === 'v3' ? 'v3' : 'v4',
        taskArn: owner.taskArn,
        containerName: owner.containerName,
        what: task ? (stats ? 'task-stats' : 'task') : stats ? 'container-stats' : 'container',
      };
    }
    const credentials = credentialsPath.exec(path);
    if (credentials) {
      const grantId = credentials[1] ?? '';
      const grant = this.credentials.grantOf(grantId);
      // The execution role is the runtime's: a task never gets it, even by its id.
      if (!grant || grant.subject !== callerTaskArn || grant.kind !== 'task') {
        return refused(403, 'A task gets its own task role only.', callerTaskArn);
      }
      return { kind: 'credentials', taskArn: callerTaskArn, grantId };
    }
    return refused(404, 'No such path on this endpoint.', callerTaskArn);
  }

  /** Logs a request of a task, its ids cut short. */
  record(taskArn: string, method: string, path: string, status: number): void {
    const entry = this.tasks.get(taskArn);
    if (!entry) return;
    entry.requests.push({ at: this.clock.now(), method, path: redactPath(path), status });
    if (entry.requests.length > maxLoggedRequests) entry.requests.shift();
  }
}

/** A path with every UUID-like id cut to its first 8 characters: ids are bearer secrets. */
export function redactPath(path: string): string {
  return path
    .slice(0, 256)
    .replace(/([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '$1…');
}

function refused(status: number, message: string, taskArn?: string): AgentRoute {
  return { kind: 'refused', status, message, ...(taskArn ? { taskArn } : {}) };
}
