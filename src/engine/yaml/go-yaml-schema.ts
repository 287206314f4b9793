/**
 * The js-yaml schema that decodes YAML the way Kyverno's Go decoder (go-yaml v2) does, for documents the
 * engine decodes itself (`parse_yaml`, `patchesJson6902`): the core schema without timestamp decoding
 * (timestamps stay strings), merge keys, and YAML 1.1 booleans (yes/no/on/off).
 */
import yaml from 'js-yaml';

const YAML11_BOOL = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(data),
  construct: (data: string) => /^(y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(data),
  predicate: (data: unknown) => typeof data === 'boolean',
  represent: (data: object) => String(data),
});
// js-yaml exports its built-in types at runtime, but its typings omit them.
const MERGE_TYPE = (yaml as unknown as { types: { merge: yaml.Type } }).types.merge;

export const GO_YAML_SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [YAML11_BOOL, MERGE_TYPE] });
