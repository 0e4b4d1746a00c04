// Named scenarios: seed (the document's world with its defect), empty (before the private link
// steps) and scale (generated, for benchmarks).

import type { SandboxState } from '../state';
import { scaleScenario, type ScaleOptions } from './scale';
import { emptyScenario, seedScenario } from './seed';

export type ScenarioName = 'seed' | 'empty' | 'scale';

export const DEFAULT_SCALE: ScaleOptions = { subscriptions: 3, registries: 20, endpoints: 2 };

export function isScenarioName(v: unknown): v is ScenarioName {
  return v === 'seed' || v === 'empty' || v === 'scale';
}

export function buildScenario(name: ScenarioName, scale: ScaleOptions = DEFAULT_SCALE): SandboxState {
  if (name === 'seed') return seedScenario();
  if (name === 'empty') return emptyScenario();
  return scaleScenario(scale);
}

export type { ScaleOptions };
