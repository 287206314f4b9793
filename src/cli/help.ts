/** Help texts for `tollgate --help` and each command's `--help`. */

export const MAIN_HELP = `tollgate: Kyverno-compatible admission policy engine (offline CLI)

Usage: tollgate <command> [flags]

Commands:
  test <dir>...        run Kyverno CLI test cases (kyverno-test.yaml) found under the directories
  apply                evaluate resources from files against policies, offline
  review               answer an AdmissionReview read from stdin
  serve                run the HTTPS admission webhook server
  certs                write a CA and a serving certificate for the webhook Service
  webhook-config       print the webhook configurations the policies need
  scan                 evaluate resources from files and print the policy reports a cluster would hold
  report               show the policy reports Tollgate wrote in the cluster
  help [command]       show help

Run 'tollgate <command> --help' for the flags of a command.
Exit codes: 0 ok, 1 a failed case or a blocking policy result, 2 a usage or input error.
`;

export const COMMAND_HELP: Record<string, string> = {
  serve: `Usage: tollgate serve [--policies DIR] [--port 9443] [--host 0.0.0.0] [--cert FILE --key FILE [--ca FILE]] [--kubeconfig FILE]
                      [--register [--namespace NS] [--service NAME] [--url https://HOST:PORT]]
                      [--cache-kinds LIST] [--cache-drop-fields LIST] [--background-scan-interval 1h]
                      [--timeout-ms N] [--body-limit SIZE] [--log-level L] [--shutdown-timeout-ms N]

Runs the admission webhook over HTTPS (TLS 1.2 or later): POST /validate and POST /mutate take AdmissionReviews
(admission.k8s.io/v1 and v1beta1), GET /healthz, GET /readyz and GET /metrics (Prometheus) report on it.
Policies are read from DIR and reloaded when its files change (a broken edit keeps the last good version).
The certificate, key and CA files are reloaded when they change, without dropping connections; without them a
self-signed certificate for localhost is generated in memory and its CA fingerprint logged. Logs are JSON
lines on stdout. SIGTERM or SIGINT stops accepting, lets requests in flight finish and exits 0.

With --register (needs a cluster), once the policies are loaded and the server listens, it creates the
ValidatingWebhookConfiguration and MutatingWebhookConfiguration the policies need (as webhook-config prints
them) and keeps them in sync: a policy change or a new CA updates them, failed writes are retried with backoff,
and they are re-checked every 5 minutes. They are left in place on shutdown. The caBundle is the CA file, or
the in-memory CA (then the certificate also covers the Service's names or the --url host; one CA per process,
so give certificate files to several replicas).

Flags (each also read from the environment variable in brackets; a flag wins):
  --policies DIR             policy directory (default policies) [TOLLGATE_POLICIES]
  --port N                   port (default 9443; 0 picks a free one) [TOLLGATE_PORT]
  --host ADDR                address to listen on (default 0.0.0.0) [TOLLGATE_HOST]
  --cert FILE, --key FILE    PEM serving certificate (chain) and key [TOLLGATE_TLS_CERT_FILE, TOLLGATE_TLS_KEY_FILE]
  --ca FILE                  PEM CA that signed the certificate, the webhooks' caBundle (default: ca.crt next to
                             --cert, when that file exists) [TOLLGATE_TLS_CA_FILE]
  --kubeconfig FILE          cluster to read policies and context from [TOLLGATE_KUBECONFIG]; in a Pod the
                             service account is used (TOLLGATE_CLUSTER=none turns the cluster off)
  --cache-kinds LIST         with a cluster, also replicate these kinds in memory, comma-separated
                             resource[.version].group names (e.g. ingresses.networking.k8s.io); the kinds the
                             policies read (apiCall, configMap, clone sources) are always cached [TOLLGATE_CACHE_KINDS]
  --cache-drop-fields LIST   dotted field paths no policy reads, dropped from every cached object to save memory
                             (e.g. status,spec.template); managedFields and kubectl's last-applied annotation are
                             always dropped [TOLLGATE_CACHE_DROP_FIELDS]
  --background-scan-interval D  with a cluster, how often the leader rescans every cached resource against the
                             background policies for the policy reports (default 1h, 1m to 168h)
                             [TOLLGATE_BACKGROUND_SCAN_INTERVAL]
  --register                 keep the webhook configurations in the cluster in sync [TOLLGATE_REGISTER=true]
  --namespace NS             Tollgate's namespace: its Service's, never subject to its webhooks (default: the
                             POD_NAMESPACE variable, else tollgate) [TOLLGATE_NAMESPACE]
  --service NAME             the Service in front of Tollgate, port 443 (default tollgate) [TOLLGATE_SERVICE]
  --url https://HOST:PORT    register this address instead of the Service, when running outside the cluster
                             [TOLLGATE_WEBHOOK_URL]
  --timeout-ms N             evaluation budget per request (default 8000, at most 30000; shortened to 80% of
                             the smallest webhook timeout of the policies involved) [TOLLGATE_TIMEOUT_MS]
  --body-limit SIZE          largest request body, e.g. 8Mi (default 8Mi, at least 6Mi) [TOLLGATE_BODY_LIMIT]
  --log-level L              fatal, error, warn, info (default), debug, trace or silent [TOLLGATE_LOG_LEVEL]
  --shutdown-timeout-ms N    grace time for requests in flight on shutdown (default 20000) [TOLLGATE_SHUTDOWN_TIMEOUT_MS]
`,
  certs: `Usage: tollgate certs --out DIR --service NAME --namespace NS [--ip IP]... [--host HOST]... [--days N] [--key-bits N] [--force]

Writes a new CA (ca.crt, ca.key) and a serving certificate signed by it (tls.crt, tls.key) into DIR, created
if needed; keys get mode 0600. The serving certificate covers NAME, NAME.NS, NAME.NS.svc and
NAME.NS.svc.cluster.local plus every --host and --ip, is valid from 5 minutes ago (clock skew) for N days, and
is for server authentication. Prints the files written and the CA's SHA-256 fingerprint. ca.crt is the
webhook's caBundle; tls.crt and tls.key go into the Secret the server mounts.

Flags:
  --out DIR          output directory
  --service NAME     the Service in front of Tollgate
  --namespace NS     the Service's namespace
  --ip IP...         extra IP SANs, IPv4 or IPv6 (repeatable)
  --host HOST...     extra DNS SANs (repeatable)
  --days N           validity in days (default 365)
  --key-bits N       RSA key size: 2048 (default), 3072 or 4096
  --force            replace files already in DIR (a new CA invalidates the old caBundle)
`,
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
policy, rule and resource, then 'pass: N, fail: N, warn: N, error: N, skip: N'. Each policy's mutate rules run
first and its validate rules check the mutated object. Resources that mutate rules changed are then printed in
full as YAML documents (with --json: under 'patchedResources'). Exits 1 when a rule would block admission (an
Enforce failure).

Flags:
  --policy PATH...      policy files or directories (repeatable)
  --resource PATH...    resource files or directories (repeatable)
  --values FILE         a kyverno 'kind: Values' file (context values, namespace labels)
  --userinfo FILE       a kyverno 'kind: UserInfo' file (username, groups, roles, clusterRoles)
  --json                print the results as JSON
`,
  review: `Usage: tollgate review --policy <file|dir>... [--cluster-resources <file|dir>...] [--mutate] < review.json

Reads an AdmissionReview (JSON or YAML, admission.k8s.io/v1 or v1beta1) from stdin, evaluates it and prints
the AdmissionReview response as JSON that /validate would send, or with --mutate the one /mutate would send
(patchType JSONPatch and the base64 patch, when the object changes). ConfigMap, Namespace and API call lookups
are answered from the cluster resources files. Exits 1 when the request is denied.

Flags:
  --policy PATH...              policy files or directories (repeatable)
  --cluster-resources PATH...   objects the cluster holds (Namespaces, ConfigMaps, any kind for apiCall)
  --mutate                      run the mutate rules and answer as the /mutate webhook
`,
  'webhook-config': `Usage: tollgate webhook-config --policies <dir|file>... --ca FILE [--namespace NS] [--service NAME] [--url URL] [-o yaml|json]

Prints the ValidatingWebhookConfiguration and MutatingWebhookConfiguration that the policies need: only the
resources and operations their rules match (autogen included), one webhook per failure policy and timeout
(spec.webhookConfiguration, spec.failurePolicy, spec.webhookTimeoutSeconds; defaults Fail and 10 s), plus a
webhook that validates ClusterPolicy / Policy objects. kube-system and Tollgate's own namespace are always
excluded. Pipe the output to 'kubectl apply -f -'.

Flags:
  --policies PATH...   policy files or directories (repeatable)
  --ca FILE            the CA certificate (PEM) that signed the serving certificate; becomes caBundle
  --namespace NS       Tollgate's namespace, where its Service runs (default tollgate)
  --service NAME       the Service in front of Tollgate, port 443 (default tollgate)
  --url URL            https://HOST:PORT of a Tollgate running outside the cluster; replaces the Service
  -o, --output FORMAT  yaml (default: two YAML documents) or json (a v1 List)
`,
  scan: `Usage: tollgate scan --policy <file|dir>... --resource <file|dir>... [--values FILE] [-o yaml|json]

Evaluates each resource against the policies offline, as a background scan does, and prints the
wgpolicyk8s.io/v1alpha2 PolicyReports (namespaced resources) and ClusterPolicyReports (cluster-scoped ones) that
Tollgate would write: one per namespace and policy, split before an object nears 900 KiB, every rule result
(pass, fail, warn, error, skip) with its resource, category and severity. Namespaced resources without a
namespace count as in 'default'. Exits 0 whatever the results; use 'tollgate apply' to fail a pipeline.

Flags:
  --policy PATH...      policy files or directories (repeatable)
  --resource PATH...    resource files or directories (repeatable)
  --values FILE         a kyverno 'kind: Values' file (context values, namespace labels)
  -o, --output FORMAT   yaml (default: YAML documents) or json (a v1 List)
`,
  report: `Usage: tollgate report [--namespace NS] [--policy P] [--json] [--kubeconfig FILE]

Reads the PolicyReports and ClusterPolicyReports that Tollgate wrote (label app.kubernetes.io/managed-by=tollgate)
and prints one row per policy and rule with its pass, fail, warn, error and skip counts, the failed and errored
resources under each row (at most 20 each; --json has all), then the totals.

Flags:
  --namespace NS     only the PolicyReports of this namespace (no cluster-scoped reports)
  --policy P         only this policy: a ClusterPolicy name, or a Policy as NAMESPACE/NAME or NAME
  --json             print the rows (with every failing resource) and totals as JSON
  --kubeconfig FILE  the cluster (default: in-cluster service account, then KUBECONFIG, then ~/.kube/config)
`,
};
