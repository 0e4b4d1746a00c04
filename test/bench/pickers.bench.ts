// The create-endpoint form's pickers for one subscription of the `scale` world, with injected ARM
// latency: requests, rounds and wall time of the form's inventory read.
import { createAzureServices, createSandboxCredential } from '../../src/azure';
import { benchOptions, measure, ms, printTable, recordingHttpClient, report, runBench, startBenchSandbox, serialRounds, verdict, waitingOnLatency } from './common';

async function main(): Promise<void> {
  const o = benchOptions();
  const sb = await startBenchSandbox(['--scenario', 'scale', '--subscriptions', `${o.subscriptions}`, '--registries', `${o.registries}`, '--endpoints', `${o.endpoints}`]);
  try {
    const azure = createAzureServices({
      target: { endpoint: sb.armEndpoint, credentialScopes: [`${sb.armEndpoint}/.default`], caCertPem: sb.caCertPem },
      credential: createSandboxCredential(),
      httpClient: recordingHttpClient(),
    });
    if (typeof azure.provisioning.loadCreateEndpointInventory !== 'function') {
      console.log('form pickers: not measured (no picker loader yet)');
      report([{ benchmark: 'form pickers', figure: 'not measured (no picker loader yet)', target: 'one round', result: 'n/a' }]);
      return;
    }
    const subscriptionId = sb.subscriptionIds[0];
    if (!subscriptionId) throw new Error('the scale world has no subscriptions');
    // A warm-up read with no latency opens the connection (as the signed-in extension has) and warms
    // both sides (module compilation, the sandbox's caches); a second one measures processing alone.
    await azure.loader.listSubscriptions();
    await azure.provisioning.loadCreateEndpointInventory(subscriptionId, []);
    const floor = await measure(() => azure.provisioning.loadCreateEndpointInventory(subscriptionId, []));
    await sb.setLatency(o.latencyMs);
    await sb.clearLog();
    const run = await measure(() => azure.provisioning.loadCreateEndpointInventory(subscriptionId, []));
    const log = await sb.log();
    // Nothing caps this read, so requests that ran one after another are requests that had to.
    const rounds = serialRounds(log);
    const inv = run.value;
    console.log(`form pickers: one subscription of scale ${o.subscriptions} × ${o.registries} × ${o.endpoints}, ${o.latencyMs} ms per ARM request`);
    printTable([
      {
        read: 'create-endpoint inventory',
        wall: ms(run.wallMs),
        'ARM requests': log.length,
        rounds,
        'sequential would take': ms(log.length * o.latencyMs),
        filled: `${inv.registries.length} registries, ${inv.virtualNetworks.length} VNets, ${inv.zones.length} zones, ${inv.resourceGroups.length} resource groups`,
      },
    ]);
    const budget = (1 + 2) * o.latencyMs;
    console.log(`processing: the same read with no injected latency takes ${ms(floor.wallMs)}.`);
    const rows = [
      { benchmark: 'form pickers', figure: `${log.length} requests in ${rounds} round(s), ${ms(run.wallMs)}`, target: `one round: ≤ (1 + 2) × ${o.latencyMs} ms = ${ms(budget)}`, result: verdict(rounds <= 1 && run.wallMs <= budget) },
      { benchmark: 'form pickers', ...waitingOnLatency(run.wallMs, floor.wallMs, budget) },
    ];
    console.log('');
    printTable(rows);
    report(rows);
  } finally {
    await sb.close();
  }
}

runBench(main);
