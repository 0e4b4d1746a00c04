// Placeholder until the Azure access layer lands in src/azure.
import type { CheckBackend } from './check';
import { CheckAborted } from './exitCodes';
import type { ArmConnection } from './target';

export function createAzureBackend(connection: ArmConnection): Promise<CheckBackend> {
  return Promise.reject(new CheckAborted(`The Azure access layer is not available, so ${connection.endpoint} cannot be read.`));
}
