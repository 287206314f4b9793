/**
 * Container image references as Kyverno reads them (pkg/utils/image): the default registry is prefixed
 * when the first path segment is not a registry host, the reference is checked against the distribution
 * grammar, and `latest` is assumed when neither tag nor digest is given. Unlike Docker's own
 * normalisation, Kyverno does not insert `library/` for single-segment names ("nginx" -> "docker.io/nginx:latest").
 */

export interface ImageReference {
  /** Registry host (with port), e.g. "docker.io", "ghcr.io", "localhost:5000"; "" when default-registry mutation is off. */
  registry: string;
  /** Repository path inside the registry, e.g. "nginx", "kyverno/kyverno". */
  path: string;
  /** Last path segment. */
  name: string;
  /** Tag; "latest" when neither tag nor digest is given; absent when only a digest is given. */
  tag?: string;
  /** Digest ("sha256:...") when given. */
  digest?: string;
  /** Normalized full reference: registry/path@digest, else registry/path:tag. */
  reference: string;
  /** registry/path:tag (the tag part empty when the image has only a digest). */
  referenceWithTag: string;
}

export interface ImageParseOptions {
  /** Kyverno's `defaultRegistry` setting; "docker.io" by default. */
  defaultRegistry?: string;
  /** Kyverno's `enableDefaultRegistryMutation`; when false an added default registry is not reported. */
  enableDefaultRegistryMutation?: boolean;
}

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const NAME = `(?:${DOMAIN}/)?${REMOTE_NAME}`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN})/)?(${REMOTE_NAME})$`);
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };
const MAX_NAME_LENGTH = 255;

/** addDefaultRegistry: the first segment is a registry only if it has '.' or ':', is "localhost", or has upper case. */
function withDefaultRegistry(image: string, registry: string): string {
  const slash = image.indexOf('/');
  if (slash < 0) return `${registry}/${image}`;
  const first = image.slice(0, slash);
  const isHost = /[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first;
  return isHost ? image : `${registry}/${image}`;
}

function validDigest(digest: string): boolean {
  const [algorithm, hex] = digest.split(':', 2);
  const length = DIGEST_HEX_LENGTH[algorithm];
  return length !== undefined && hex.length === length && /^[a-f0-9]+$/.test(hex);
}

/** Parses an image reference; undefined when Kyverno would reject it as a bad image. */
export function parseImageReference(image: string, options: ImageParseOptions = {}): ImageReference | undefined {
  const defaultRegistry = options.defaultRegistry ?? 'docker.io';
  const full = withDefaultRegistry(image, defaultRegistry);
  const match = REFERENCE.exec(full);
  if (!match) return undefined;
  const [, name, tag, digest] = match;
  if (name.length > MAX_NAME_LENGTH) return undefined;
  if (digest !== undefined && !validDigest(digest)) return undefined;
  const split = ANCHORED_NAME.exec(name);
  if (!split) return undefined;
  let registry = split[1] ?? '';
  const path = split[2];
  if (full !== image && options.enableDefaultRegistryMutation === false) registry = '';
  const resolvedTag = tag ?? (digest === undefined ? 'latest' : undefined);
  const base = registry === '' ? path : `${registry}/${path}`;
  const result: ImageReference = {
    registry,
    path,
    name: path.slice(path.lastIndexOf('/') + 1),
    reference: digest !== undefined ? `${base}@${digest}` : `${base}:${resolvedTag ?? ''}`,
    referenceWithTag: `${base}:${resolvedTag ?? ''}`,
  };
  if (resolvedTag !== undefined) result.tag = resolvedTag;
  if (digest !== undefined) result.digest = digest;
  return result;
}
