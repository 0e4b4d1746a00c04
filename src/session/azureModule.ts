// The Azure access layer is a separate bundle (dist/azure.js) required on first use, so that
// activation never parses the Azure SDKs. Only types cross this line at build time.
export type AzureModule = typeof import('../azure/index');
export type AzureServicesApi = import('../azure/index').AzureServices;
export type RegistryDetails = import('../azure/index').RegistryDetails;
export type ArmTarget = import('../azure/index').ArmTarget;

let loaded: AzureModule | undefined;

export function loadAzureModule(): AzureModule {
  // Resolved next to dist/extension.js at run time; esbuild leaves it external.
  loaded ??= require('./azure.js') as AzureModule;
  return loaded;
}

export function isAzureModuleLoaded(): boolean {
  return loaded !== undefined;
}
