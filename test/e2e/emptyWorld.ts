// What the create-endpoint e2e files share: the sandbox's `empty` world (the seed's registries and
// VNets, no endpoints or zones), the names the form proposes there, and how long a person waits.
import { openWorkbench, type Workbench } from '../harness/workbench';
import { resetSandbox } from './sandboxControl';

export const TIMEOUT = 30_000;
/** A run's steps against the sandbox take seconds; against Azure the endpoint alone takes minutes. */
export const RUN_TIMEOUT = 90_000;
export const ZONE = 'privatelink.azurecr.io';
/** The link name the form proposes for the registry's VNet (the person keeps it). */
export const LINK = 'myDockerVMVNET-link';

/** A workbench on the `empty` world. */
export async function openOnEmptyWorld(): Promise<Workbench> {
  await resetSandbox('empty');
  return openWorkbench();
}

/** Closes the workbench and puts the seed document's state back, which the other e2e files expect. */
export async function closeAndRestoreSeed(wb: Workbench | undefined): Promise<void> {
  await wb?.close();
  await resetSandbox('seed');
}
