/** Help texts for `tollgate --help` and each command's `--help`. */

export const MAIN_HELP = `tollgate: Kyverno-compatible admission policy engine (offline CLI)

Usage: tollgate <command> [flags]

Commands:
  test <dir>...        run Kyverno CLI test cases (kyverno-test.yaml) found under the directories
  apply                evaluate resources from files against policies, offline
  review               answer an AdmissionReview read from stdin
  help [command]       show help

Run 'tollgate <command> --help' for the flags of a command.
Exit codes: 0 ok, 1 a failed case or a blocking policy result, 2 a usage or input error.
`;

export const COMMAND_HELP: Record<string, string> = {
  test: `Usage: tollgate test <dir>... [--json] [--baseline FILE] [--fail-only] [--strict]

Finds every kyverno-test.yaml under the directories and checks the expected results, as 'kyverno test' does.
Prints one line per case (PASS name (n checks) / FAIL name: reason), one line per failed check, and ends
with 'N passed, N failed'.

Flags:
  --json            print the results as JSON
  --baseline FILE   JSON {"passed": N}: exit 1 only if fewer than N cases pass (CI conformance tracking)
  --fail-only       print only failed cases
  --strict          fail a check whose rule gave no response (not matched, excluded) unless skip was expected;
                    Kyverno's CLI passes such checks
`,
  apply: `Usage: tollgate apply --policy <file|dir>... --resource <file|dir>... [--values FILE] [--userinfo FILE] [--json]

Evaluates each resource (as a CREATE request, unless the values file says otherwise) and prints one line per
policy, rule and resource, then 'pass: N, fail: N, warn: N, error: N, skip: N'. Exits 1 when a rule would
block admission (an Enforce failure).

Flags:
  --policy PATH...      policy files or directories (repeatable)
  --resource PATH...    resource files or directories (repeatable)
  --values FILE         a kyverno 'kind: Values' file (context values, namespace labels)
  --userinfo FILE       a kyverno 'kind: UserInfo' file (username, groups, roles, clusterRoles)
  --json                print the results as JSON
`,
  review: `Usage: tollgate review --policy <file|dir>... [--cluster-resources <file|dir>...] < review.json

Reads an AdmissionReview (JSON or YAML, admission.k8s.io/v1 or v1beta1) from stdin, evaluates it and prints
the AdmissionReview response as JSON. ConfigMap, Namespace and API call lookups are answered from the cluster
resources files. Exits 1 when the request is denied.

Flags:
  --policy PATH...              policy files or directories (repeatable)
  --cluster-resources PATH...   objects the cluster holds (Namespaces, ConfigMaps, any kind for apiCall)
`,
};
