import { KYVERNO_SVC_CERT_BASE64, KYVERNO_SVC_CERT_PEM } from '../fixtures/certificate.js';
import { fixedEnv, run, sequenceRandom } from '../helpers.js';

const DIGEST = 'sha256:' + 'a'.repeat(64);

describe('misc functions', () => {
  test.each<[string, unknown]>([
    ["semver_compare('1.2.3', '1.2.4')", false],
    ["semver_compare('1.2.3', '1.2.3')", true],
    ["semver_compare('4.1.3', '>=4.1.x')", true],
    ["semver_compare('4.1.3', '!4.x.x')", false],
    ["semver_compare('1.8.6', '>1.0.0 <2.0.0')", true],
    ["semver_compare('2.1.5', '<2.0.0 || >=3.0.0')", false],
    ["semver_compare('3.1.5', '<2.0.0 || >=3.0.0')", true],
    ["semver_compare('1.2.3-alpha', '<1.2.3')", true],
    ["semver_compare('4.5.1', '> 4.5.0')", true],
    ["semver_compare('v1.2.3', '<0.0.1')", true],
    ["image_normalize('nginx')", 'docker.io/nginx:latest'],
    ["image_normalize('nginx:1.25')", 'docker.io/nginx:1.25'],
    ["image_normalize('bitnami/nginx')", 'docker.io/bitnami/nginx:latest'],
    ["image_normalize('ghcr.io/kyverno/kyverno:v1.10.0')", 'ghcr.io/kyverno/kyverno:v1.10.0'],
    ["image_normalize('localhost:5000/app')", 'localhost:5000/app:latest'],
    [`image_normalize('nginx@${DIGEST}')`, `docker.io/nginx@${DIGEST}`],
    [`image_normalize('nginx:1.25@${DIGEST}')`, `docker.io/nginx@${DIGEST}`],
    ["regex_replace_all('^docker.io/(.*)$', image_normalize('busybox'), 'harbor.corp.org/$1')", 'harbor.corp.org/busybox:latest'],
    ["is_external_url('https://example.com/path')", true],
    ["is_external_url('http://8.8.8.8')", true],
    ["is_external_url('http://10.0.0.1/x')", false],
    ["is_external_url('http://192.168.1.10:8080')", false],
    ["is_external_url('http://127.0.0.1')", false],
    ["is_external_url('http://[::1]:80/')", false],
    ["is_external_url('http://my-svc.my-ns.svc.cluster.local')", false],
    ["is_external_url('http://my-svc')", false],
    ["is_external_url('http://localhost:8080')", false],
  ])('%s', (expression, expected) => {
    expect(run(expression)).toEqual({ value: expected });
  });

  test.each<[string]>([
    ["semver_compare('1.0.0', '~1.0.0')"],
    ["semver_compare('1.0.0', '')"],
    ["semver_compare('1.0.0', '|| 1.0.0')"],
    ["image_normalize('Nginx')"],
    ["image_normalize('nginx@sha256:abc')"],
    ["image_normalize('')"],
    ["is_external_url('not a url')"],
    ["random('')"],
    ["random('[')"],
    ["random('a{3,1}')"],
    ["x509_decode('not a pem')"],
    ["x509_decode('-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\\n')"],
  ])('%s is an error', (expression) => {
    expect(run(expression)).toMatchObject({ error: 'invalid-argument' });
  });

  describe('random', () => {
    test.each<[string, RegExp]>([
      ['[0-9a-z]{5}', /^[0-9a-z]{5}$/],
      ['[A-Z0-9]{8}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{12}', /^[A-Z0-9]{8}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{12}$/],
      ['(foo|bar)-\\d{2,4}', /^(foo|bar)-\d{2,4}$/],
      ['[^a-z]{3}', /^[^a-z]{3}$/],
      ['a+b*c?', /^a+b*c?$/],
      ['[[:alpha:]]{4}\\.[\\w-]{2}', /^[A-Za-z]{4}\.[\w-]{2}$/],
    ])('random(%s) matches its pattern', (pattern, shape) => {
      for (let seed = 0; seed < 20; seed++) {
        const env = fixedEnv(undefined, sequenceRandom([seed / 20, 0.37, 0.91, 0.05]));
        const out = run(`random('${pattern.replace(/\\/g, '\\\\')}')`, null, env);
        expect(out).toHaveProperty('value');
        expect(String((out as { value: unknown }).value)).toMatch(shape);
      }
    });

    it('is deterministic for an injected random source', () => {
      const a = run("random('[a-z]{12}')", null, fixedEnv(undefined, sequenceRandom([0.2, 0.6])));
      const b = run("random('[a-z]{12}')", null, fixedEnv(undefined, sequenceRandom([0.2, 0.6])));
      const c = run("random('[a-z]{12}')", null, fixedEnv(undefined, sequenceRandom([0.9, 0.1])));
      expect(a).toEqual({ value: 'fpfpfpfpfpfp' });
      expect(b).toEqual(a);
      expect(c).toEqual({ value: 'xcxcxcxcxcxc' });
    });
  });

  describe('x509_decode', () => {
    const decoded = run('x509_decode(@)', KYVERNO_SVC_CERT_PEM);

    it('decodes the fields Kyverno documents', () => {
      expect(decoded).toHaveProperty('value');
      expect((decoded as { value: unknown }).value).toMatchObject({
        BasicConstraintsValid: true,
        IsCA: true,
        KeyUsage: 37,
        MaxPathLen: -1,
        MaxPathLenZero: false,
        NotAfter: '2023-10-10T12:46:32Z',
        NotBefore: '2022-10-10T11:46:32Z',
        PublicKeyAlgorithm: 1,
        SerialNumber: 0,
        SignatureAlgorithm: 4,
        Version: 3,
        SubjectKeyId: 'lor7dZ+d/utWRgHMwItJpXno0yo=',
        AuthorityKeyId: null,
        DNSNames: null,
        Raw: KYVERNO_SVC_CERT_BASE64,
        RawIssuer: 'MBgxFjAUBgNVBAMMDSoua3l2ZXJuby5zdmM=',
        RawSubject: 'MBgxFjAUBgNVBAMMDSoua3l2ZXJuby5zdmM=',
        RawSubjectPublicKeyInfo: expect.stringMatching(/^MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA4oX7/),
        Extensions: [
          { Critical: true, Id: [2, 5, 29, 15], Value: 'AwICpA==' },
          { Critical: true, Id: [2, 5, 29, 19], Value: 'MAMBAf8=' },
          { Critical: false, Id: [2, 5, 29, 14], Value: 'BBSWivt1n53+61ZGAczAi0mleejTKg==' },
        ],
        Issuer: { CommonName: '*.kyverno.svc', Country: null, Names: [{ Type: [2, 5, 4, 3], Value: '*.kyverno.svc' }], SerialNumber: '' },
        Subject: { CommonName: '*.kyverno.svc', Organization: null },
        PublicKey: {
          E: 65537,
          N: expect.stringMatching(/^28595925905962223424520947352207105451744616797088171943239289907331901888529856098458304611629660120574607501039902142361333982065793213267074854658525100799280158707840279479550961169213763526857247298653141711003931642606662052674943191476488665842309583311097351331994267413776792462637192775240062778036062353517979538994974045127175206597906751521558536719043095219698535279694800624795673809356898452438518041024126624051887044932164506019573725987204208750674129677584956156611454245004918943771571492757639432459688931855526941886354880727024912384140238027697348634609952850513122734230521040730560514233467$/),
        },
      });
    });

    it('composes with base64_decode and time_since as in the expiring-certificate sample', () => {
      const data = { caBundle: btoa(KYVERNO_SVC_CERT_PEM) };
      expect(run("base64_decode(caBundle).x509_decode(@).time_since('', NotBefore, NotAfter)", data)).toEqual({ value: '8761h0m0s' });
    });
  });
});
