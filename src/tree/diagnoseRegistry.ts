import type { Registry, Subscription } from '../model/types';
import type { RegistryDetails } from '../session/azureModule';
import type { RegistryDiagnosis } from './registryDiagnosis';

export function diagnoseRegistry(_subscription: Subscription, _registry: Registry, _details: RegistryDetails): RegistryDiagnosis {
  return { findings: [], records: [] };
}
