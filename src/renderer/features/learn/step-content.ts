import type { TourStepId } from '../../../shared';
import type { Route } from '../../common/routes';

/** What a step's page says, and where it sends the reader next. */
export interface StepContent {
  /** Two or three plain sentences. */
  sentences: readonly string[];
  runLabel: string;
  /** The app's page where the reader goes on alone. */
  goOn: { label: string; route: Route };
  docs: { label: string; href: string };
}

export const stepContent: Record<TourStepId, StepContent> = {
  kernel: {
    sentences: [
      'A virtual machine boots its own operating system kernel; a container does not.',
      'A container is a process on the host, fenced off with namespaces and cgroups, so every container runs on the host’s kernel.',
      'The button runs `uname -r` in two new containers and compares it with the host’s, times how long each takes to start, and estimates how many fit in memory.',
    ],
    runLabel: 'Run two containers',
    goOn: { label: 'Open Containers', route: { page: 'containers' } },
    docs: {
      label: 'Docker: What is a container?',
      href: 'https://docs.docker.com/get-started/docker-concepts/the-basics/what-is-a-container/',
    },
  },
  layers: {
    sentences: [
      'An image is a stack of read-only layers, one for each Dockerfile instruction that changes files.',
      'Instructions that only change settings (LABEL, ENV, CMD) add no layer, and deleting a file still adds one: a layer that hides it.',
      'The button builds a tiny image one instruction at a time and counts its layers after each.',
    ],
    runLabel: 'Build the image',
    goOn: { label: 'Open Layers', route: { page: 'layers' } },
    docs: {
      label: 'Docker: Understanding image layers',
      href: 'https://docs.docker.com/get-started/docker-concepts/building-images/understanding-image-layers/',
    },
  },
  'read-write': {
    sentences: [
      'A container is its image’s read-only layers plus one thin read-write layer of its own.',
      'Two containers from one image share every image layer; what one writes lands only in its own read-write layer.',
      'The button starts two containers from one image, writes a file in the first, and shows what each read-write layer holds.',
    ],
    runLabel: 'Start two containers and write a file',
    goOn: { label: 'Open Containers', route: { page: 'containers' } },
    docs: {
      label: 'Docker: Storage drivers and the container layer',
      href: 'https://docs.docker.com/engine/storage/drivers/',
    },
  },
  'task-definitions': {
    sentences: [
      'A task definition is the recipe ECS runs: its container definitions (image, command, ports) and, for the whole task, CPU, memory, network mode, where it may run and the IAM role its code gets.',
      'It is registered as a numbered revision that never changes; a change makes the next revision.',
      'The button registers one for the tour’s own image, for both EC2 and Fargate, and shows its JSON as the AWS CLI takes it.',
    ],
    runLabel: 'Register a task definition',
    goOn: { label: 'Open Task definitions', route: { page: 'ecs', view: 'task-definitions' } },
    docs: {
      label: 'AWS: Amazon ECS task definitions',
      href: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definitions.html',
    },
  },
  clusters: {
    sentences: [
      'A cluster is where tasks run. With EC2 it is your container instances, each in one availability zone; with Fargate there are no instances, only the subnets you name.',
      'An EC2 task goes on an instance with room for it; a Fargate task gets its own network interface in one of the subnets’ zones.',
      'The button creates a cluster, adds an instance in each of two zones and a Fargate lane over a subnet in each, then runs two tasks of each kind to see where they land.',
    ],
    runLabel: 'Build the cluster and run tasks',
    goOn: {
      label: 'Open the cluster map',
      route: { page: 'ecs', view: 'map', cluster: 'stowage-tour-clusters' },
    },
    docs: {
      label: 'AWS: Amazon ECS launch types and capacity',
      href: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/launch_types.html',
    },
  },
  tasks: {
    sentences: [
      'A task is one run of a task definition: ECS places it on a container instance, and the instance’s agent starts its containers.',
      'Here each task becomes a real Docker container on your engine; when the container dies, ECS stops the task and says why.',
      'The button runs one task, shows the container it became, then kills that container on the engine (as `docker kill` would) and shows the task’s stop reason.',
    ],
    runLabel: 'Run a task, then kill its container',
    goOn: {
      label: 'Open ECS tasks',
      route: { page: 'ecs', view: 'tasks', cluster: 'stowage-tour-tasks' },
    },
    docs: {
      label: 'AWS: Amazon ECS task lifecycle',
      href: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html',
    },
  },
  services: {
    sentences: [
      'A service keeps a desired count of tasks running: when one stops, it starts another, and it spreads them over availability zones.',
      'A load balancer in front sends each request to one of the service’s healthy tasks; auto scaling changes the desired count to follow a metric.',
      'The button runs a service of two web tasks, kills one, takes a zone away, sends requests through the load balancer, then sends steady traffic until auto scaling adds tasks. It takes about a minute.',
    ],
    runLabel: 'Run a service and break it',
    goOn: {
      label: 'Open the service',
      route: { page: 'ecs', view: 'services', cluster: 'stowage-tour-services', service: 'web' },
    },
    docs: {
      label: 'AWS: Amazon ECS services',
      href: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html',
    },
  },
  deployments: {
    sentences: [
      'A service keeps a number of tasks running; changing its task definition starts a deployment that replaces them, new tasks first, then the old ones stop.',
      'If the new tasks keep failing, the deployment circuit breaker counts them and, past its threshold, rolls the service back to the last revision that worked.',
      'The button rolls out a new revision, then a broken one whose health check always fails, and waits for ECS to roll it back.',
    ],
    runLabel: 'Roll out two revisions',
    goOn: {
      label: 'Open the service',
      route: {
        page: 'ecs',
        view: 'services',
        cluster: 'stowage-tour-deployments',
        service: 'stowage-tour-web',
      },
    },
    docs: {
      label: 'AWS: The deployment circuit breaker',
      href: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html',
    },
  },
  agent: {
    sentences: [
      'Every container instance runs the ECS container agent: it starts and stops the instance’s tasks and tells ECS how they are.',
      'When ECS loses touch with an agent it cannot place tasks there any more, and a service starts the tasks it lost on other instances.',
      'The button runs a service on two instances, disconnects one agent, and shows where the tasks went.',
    ],
    runLabel: 'Disconnect an agent',
    goOn: {
      label: 'Open the cluster map',
      route: { page: 'ecs', view: 'map', cluster: 'stowage-tour-agent' },
    },
    docs: {
      label: 'AWS: The Amazon ECS container agent',
      href: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ECS_agent.html',
    },
  },
  roles: {
    sentences: [
      'A task can have its own IAM role: the agent hands its containers that role’s credentials.',
      'A task on EC2 without one falls back on the instance’s role, shared by everything on the instance.',
      'The button runs one task with a task role and one without, and asks STS “who am I” from inside each container.',
    ],
    runLabel: 'Ask who am I',
    goOn: {
      label: 'Open the tasks',
      route: { page: 'ecs', view: 'tasks', cluster: 'stowage-tour-roles' },
    },
    docs: {
      label: 'AWS: Task IAM role',
      href: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
    },
  },
  scheduling: {
    sentences: [
      'A service’s scheduler decides where its tasks go and keeps them there; you can also place tasks yourself.',
      'RunTask lets ECS choose by a placement strategy: spread evens tasks out over zones, binpack fills the fullest instance first. StartTask runs a task on the instance you name.',
      'The button spreads four tasks over two zones, binpacks three, starts one on a chosen instance, and lets a service place two.',
    ],
    runLabel: 'Place tasks',
    goOn: {
      label: 'Open the cluster map',
      route: { page: 'ecs', view: 'map', cluster: 'stowage-tour-scheduling' },
    },
    docs: {
      label: 'AWS: Task placement strategies',
      href: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-strategies.html',
    },
  },
};
