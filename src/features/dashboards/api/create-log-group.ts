import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cloudWatchLogs } from '../../../aws/logs-client.js';
import { isAwsCode } from '../../../aws/errors.js';

/** CreateLogGroup. A group that appeared since the re-read is what was wanted, so it counts as done. */
export async function createLogGroup(config: ConsoleConfig, logGroupName: string): Promise<void> {
  try {
    await cloudWatchLogs(config).send(new CreateLogGroupCommand({ logGroupName }));
  } catch (e) {
    if (!isAwsCode(e, 'ResourceAlreadyExistsException')) throw e;
  }
}
