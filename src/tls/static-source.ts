/** A CertSource held in memory (self-signed material, tests); `update` swaps it like a file reload would. */
import { checkMaterial, sameMaterial } from './check-material.js';
import { Listeners } from './listeners.js';
import type { CertSource, TlsMaterial } from './types.js';

export interface StaticCertSource extends CertSource {
  /** Replaces the material after checking it; throws for a bad pair and keeps the old one. */
  update(material: TlsMaterial): void;
}

function checked(material: TlsMaterial): TlsMaterial {
  const check = checkMaterial(material);
  if (!check.ok) throw new Error(`invalid TLS material: ${check.error}`);
  return check.material;
}

export function staticCertSource(material: TlsMaterial, onError: (err: Error) => void = () => undefined): StaticCertSource {
  let current = checked(material);
  const listeners = new Listeners(onError);
  return {
    current: () => current,
    onChange: (listener) => listeners.add(listener),
    update(next) {
      const valid = checked(next);
      if (sameMaterial(valid, current)) return;
      current = valid;
      listeners.emit(current);
    },
    close: async () => listeners.clear(),
  };
}
