import type * as Ecs from '@aws-sdk/client-ecs';

/** The ECS operations Stowage implements: each one's request and response shape. */
export interface EcsOperationShapes {
  CreateCluster: [Ecs.CreateClusterRequest, Ecs.CreateClusterResponse];
  DeleteCluster: [Ecs.DeleteClusterRequest, Ecs.DeleteClusterResponse];
  DescribeClusters: [Ecs.DescribeClustersRequest, Ecs.DescribeClustersResponse];
  ListClusters: [Ecs.ListClustersRequest, Ecs.ListClustersResponse];
  RegisterContainerInstance: [
    Ecs.RegisterContainerInstanceRequest,
    Ecs.RegisterContainerInstanceResponse,
  ];
  DeregisterContainerInstance: [
    Ecs.DeregisterContainerInstanceRequest,
    Ecs.DeregisterContainerInstanceResponse,
  ];
  DescribeContainerInstances: [
    Ecs.DescribeContainerInstancesRequest,
    Ecs.DescribeContainerInstancesResponse,
  ];
  ListContainerInstances: [Ecs.ListContainerInstancesRequest, Ecs.ListContainerInstancesResponse];
  UpdateContainerInstancesState: [
    Ecs.UpdateContainerInstancesStateRequest,
    Ecs.UpdateContainerInstancesStateResponse,
  ];
  RegisterTaskDefinition: [Ecs.RegisterTaskDefinitionRequest, Ecs.RegisterTaskDefinitionResponse];
  DeregisterTaskDefinition: [
    Ecs.DeregisterTaskDefinitionRequest,
    Ecs.DeregisterTaskDefinitionResponse,
  ];
  DeleteTaskDefinitions: [Ecs.DeleteTaskDefinitionsRequest, Ecs.DeleteTaskDefinitionsResponse];
  DescribeTaskDefinition: [Ecs.DescribeTaskDefinitionRequest, Ecs.DescribeTaskDefinitionResponse];
  ListTaskDefinitions: [Ecs.ListTaskDefinitionsRequest, Ecs.ListTaskDefinitionsResponse];
  ListTaskDefinitionFamilies: [
    Ecs.ListTaskDefinitionFamiliesRequest,
    Ecs.ListTaskDefinitionFamiliesResponse,
  ];
  RunTask: [Ecs.RunTaskRequest, Ecs.RunTaskResponse];
  StartTask: [Ecs.StartTaskRequest, Ecs.StartTaskResponse];
  StopTask: [Ecs.StopTaskRequest, Ecs.StopTaskResponse];
  DescribeTasks: [Ecs.DescribeTasksRequest, Ecs.DescribeTasksResponse];
  ListTasks: [Ecs.ListTasksRequest, Ecs.ListTasksResponse];
  TagResource: [Ecs.TagResourceRequest, Ecs.TagResourceResponse];
  UntagResource: [Ecs.UntagResourceRequest, Ecs.UntagResourceResponse];
  ListTagsForResource: [Ecs.ListTagsForResourceRequest, Ecs.ListTagsForResourceResponse];
  PutAttributes: [Ecs.PutAttributesRequest, Ecs.PutAttributesResponse];
  DeleteAttributes: [Ecs.DeleteAttributesRequest, Ecs.DeleteAttributesResponse];
  ListAttributes: [Ecs.ListAttributesRequest, Ecs.ListAttributesResponse];
}

export type EcsOperationName = keyof EcsOperationShapes;

/**
 * What the endpoint needs from the control plane: one async method per operation, named in
 * camelCase, taking the request shape and answering the response shape (Dates as Dates). It
 * validates its own input and throws EcsApiError for anything ECS would refuse.
 */
export type EcsControlPlaneApi = {
  [Op in EcsOperationName as Uncapitalize<Op>]: (
    input: EcsOperationShapes[Op][0],
  ) => Promise<EcsOperationShapes[Op][1]>;
};

type Dispatch = {
  [Op in EcsOperationName]: (
    plane: EcsControlPlaneApi,
    input: EcsOperationShapes[Op][0],
  ) => Promise<EcsOperationShapes[Op][1]>;
};

/** Each operation's method: an operation missing here, or misnamed there, does not compile. */
export const dispatchTable: Dispatch = {
  CreateCluster: (plane, input) => plane.createCluster(input),
  DeleteCluster: (plane, input) => plane.deleteCluster(input),
  DescribeClusters: (plane, input) => plane.describeClusters(input),
  ListClusters: (plane, input) => plane.listClusters(input),
  RegisterContainerInstance: (plane, input) => plane.registerContainerInstance(input),
  DeregisterContainerInstance: (plane, input) => plane.deregisterContainerInstance(input),
  DescribeContainerInstances: (plane, input) => plane.describeContainerInstances(input),
  ListContainerInstances: (plane, input) => plane.listContainerInstances(input),
  UpdateContainerInstancesState: (plane, input) => plane.updateContainerInstancesState(input),
  RegisterTaskDefinition: (plane, input) => plane.registerTaskDefinition(input),
  DeregisterTaskDefinition: (plane, input) => plane.deregisterTaskDefinition(input),
  DeleteTaskDefinitions: (plane, input) => plane.deleteTaskDefinitions(input),
  DescribeTaskDefinition: (plane, input) => plane.describeTaskDefinition(input),
  ListTaskDefinitions: (plane, input) => plane.listTaskDefinitions(input),
  ListTaskDefinitionFamilies: (plane, input) => plane.listTaskDefinitionFamilies(input),
  RunTask: (plane, input) => plane.runTask(input),
  StartTask: (plane, input) => plane.startTask(input),
  StopTask: (plane, input) => plane.stopTask(input),
  DescribeTasks: (plane, input) => plane.describeTasks(input),
  ListTasks: (plane, input) => plane.listTasks(input),
  TagResource: (plane, input) => plane.tagResource(input),
  UntagResource: (plane, input) => plane.untagResource(input),
  ListTagsForResource: (plane, input) => plane.listTagsForResource(input),
  PutAttributes: (plane, input) => plane.putAttributes(input),
  DeleteAttributes: (plane, input) => plane.deleteAttributes(input),
  ListAttributes: (plane, input) => plane.listAttributes(input),
};

export function isImplemented(operation: string): operation is EcsOperationName {
  return Object.hasOwn(dispatchTable, operation);
}
