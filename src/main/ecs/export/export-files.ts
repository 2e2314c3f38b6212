import type { EcsExportFile } from '../../../shared/contract/ecs-services';
import {
  cliFiles,
  deployScript,
  deployScriptName,
  templateName,
  type ClusterExport,
} from './cli-files';
import { cloudFormationTemplate } from './cloudformation';

/**
 * Every file of a cluster's export: the AWS CLI input files, the script that runs them in
 * order, and the CloudFormation template that deploys the same.
 */
export function exportFiles(exported: ClusterExport): EcsExportFile[] {
  return [
    ...cliFiles(exported),
    { name: deployScriptName, text: deployScript(exported) },
    {
      name: templateName,
      text: `${JSON.stringify(cloudFormationTemplate(exported), null, 2)}\n`,
    },
  ];
}
