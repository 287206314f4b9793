/** Runs the checks of a level at a version over one pod, the way Kyverno's pkg/pss does. */
import { DEFAULT_CHECKS } from './checks/index.js';
import type { Check, CheckResult, PodView, PssLevel, VersionedCheck } from './types.js';
import type { PssVersion } from './version.js';

function newestVersion(check: Check): VersionedCheck {
  let newest = check.versions[0];
  for (const vc of check.versions.slice(1)) if (vc.minMinor >= newest.minMinor) newest = vc;
  return newest;
}

/** Each check's newest implementation, chosen once: `latest` is what almost every policy asks for. */
const NEWEST: ReadonlyMap<Check, readonly VersionedCheck[]> = new Map(DEFAULT_CHECKS.map((check) => [check, [newestVersion(check)]]));

/**
 * `latest` runs only each check's newest implementation. A pinned version runs every implementation
 * whose minimum version it reaches (Kyverno does not pick just the newest applicable one), so the
 * strictest applicable variant wins: e.g. at v1.29 the 1.0 sysctls list still rejects 1.29 additions.
 * Restricted includes all baseline checks (no overrides), as in Kyverno.
 */
export function runChecks(level: PssLevel, version: PssVersion, pod: PodView): CheckResult[] {
  const results: CheckResult[] = [];
  for (const check of DEFAULT_CHECKS) {
    if (level === 'baseline' && check.level !== 'baseline') continue;
    const versions = version.latest ? NEWEST.get(check) ?? [] : check.versions.filter((vc) => vc.minMinor <= version.minor);
    for (const vc of versions) {
      const failure = vc.run(pod);
      if (failure) results.push({ id: check.id, ...failure });
    }
  }
  return results;
}
