import { run } from '../helpers.js';

describe('string functions', () => {
  test.each<[string, unknown]>([
    ["compare('a', 'b')", -1],
    ["compare('b', 'a')", 1],
    ["compare('a', 'a')", 0],
    ["compare('', 'a')", -1],
    ["equal_fold('Pizza', 'pIzZa')", true],
    ["equal_fold('pizza', 'APPLE')", false],
    ["equal_fold('Straße', 'STRASSE')", false],
    ["replace('Lorem ipsum dolor sit amet foo ipsum bar ipsum', 'ipsum', 'muspi', `2`)", 'Lorem muspi dolor sit amet foo muspi bar ipsum'],
    ["replace('aaa', 'a', 'b', `-1`)", 'bbb'],
    ["replace('aaa', 'a', 'b', `0`)", 'aaa'],
    ["replace('ab', '', '-', `-1`)", '-a-b-'],
    ["replace('aaa', 'a', 'b', `1.9`)", 'baa'],
    ["replace_all('Lorem ipsum dolor sit amet', 'ipsum', 'muspi')", 'Lorem muspi dolor sit amet'],
    ["replace_all('a.b.c', '.', '')", 'abc'],
    ["to_upper('abc-ß')", 'ABC-ß'],
    ["to_lower('ABC Déf')", 'abc déf'],
    ["trim('¡¡¡Hello, Gophers!!!', '!¡')", 'Hello, Gophers'],
    ["trim('foocorpcom', 'mo')", 'foocorpc'],
    ["trim('foocorpcom', 'o')", 'foocorpcom'],
    ["trim('foocorpcom', 'mcof')", 'rp'],
    ["trim('  x  ', '')", '  x  '],
    ["trim_prefix('docker://kubevirt/fedora', 'docker://')", 'kubevirt/fedora'],
    ["trim_prefix('kubevirt/fedora', 'docker://')", 'kubevirt/fedora'],
    ["split('cat,dog,horse', ',')", ['cat', 'dog', 'horse']],
    ["split('abc', '')", ['a', 'b', 'c']],
    ["split('', ',')", ['']],
    ["split('a,,b', ',')", ['a', '', 'b']],
    ["truncate('foobar', `3`)", 'foo'],
    ["truncate('foo', `10`)", 'foo'],
    ["truncate('foo', `-1`)", ''],
    ["truncate('héllo', `2`)", 'hé'],
    ["to_boolean('TruE')", true],
    ["to_boolean('FAlse')", false],
    ["base64_encode('hello world')", 'aGVsbG8gd29ybGQ='],
    ["base64_encode('é')", 'w6k='],
    ["base64_decode('aGVsbG8gd29ybGQ=')", 'hello world'],
    ["base64_decode('bGluZTEKbGluZTI=')", 'line1\nline2'],
    ["base64_decode('')", ''],
    ["path_canonicalize('/var//lib///kubelet')", '/var/lib/kubelet'],
    ["path_canonicalize('/var/run/../run/./containerd/containerd.sock/')", '/var/run/containerd/containerd.sock'],
    ["path_canonicalize('')", ''],
    ["path_canonicalize('a/../..')", '..'],
    ["sha256('alertmanager-kube-prometheus-stack-alertmanager')", '75c07bb807f2d80a85d34880b8af0c5f29f7c27577076ed5d0e4b427dee7dbcc'],
    ["sha256('')", 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ["md5('hello')", '5d41402abc4b2a76b9719d911017c592'],
  ])('%s', (expression, expected) => {
    expect(run(expression)).toEqual({ value: expected });
  });

  test.each<[string, string]>([
    ['compare(`1`, `2`)', 'invalid-argument'],
    ["equal_fold('a')", 'invalid-argument'],
    ["replace('a', 'b', 'c')", 'invalid-argument'],
    ["replace('a', 'b', 'c', '1')", 'invalid-argument'],
    ["trim('abc')", 'invalid-argument'],
    ['to_upper(`null`)', 'invalid-argument'],
    ["split('a', `1`)", 'invalid-argument'],
    ["to_boolean('yes')", 'invalid-argument'],
    ["base64_decode('not base64!')", 'invalid-argument'],
    ["base64_decode('YQ')", 'invalid-argument'],
    ["truncate('abc', '2')", 'invalid-argument'],
  ])('%s fails with %s', (expression, code) => {
    expect(run(expression)).toMatchObject({ error: code });
  });

  it('reads arguments from the data', () => {
    expect(run("to_upper(metadata.name) | split(@, '-')", { metadata: { name: 'my-app' } })).toEqual({ value: ['MY', 'APP'] });
  });
});
