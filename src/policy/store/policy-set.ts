/** Builds an immutable PolicySet (index included) from loaded policies. */
import type { LoadedPolicy } from '../../api/policy.js';
import { buildPolicyIndex } from '../index/index.js';
import type { PolicyLoadError } from '../types.js';
import type { PolicySet } from './types.js';

export function buildPolicySet(policies: readonly LoadedPolicy[], errors: readonly PolicyLoadError[], generation: number): PolicySet {
  return Object.freeze({ policies, index: buildPolicyIndex(policies), errors, generation });
}
