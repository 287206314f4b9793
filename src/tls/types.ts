/** PEM key material the HTTPS server serves, and where it comes from. */
export interface TlsMaterial {
  /** PEM private key of the serving certificate. */
  key: string;
  /** PEM serving certificate (chain). */
  cert: string;
  /** PEM CA that signed it, when known (for the webhook's caBundle). */
  ca?: string;
}

/** The current certificate and key; a file-backed source reloads them when the files change. */
export interface CertSource {
  current(): TlsMaterial;
  /** Called with the new material after a successful reload; a bad reload keeps the old material. */
  onChange(listener: (material: TlsMaterial) => void): () => void;
  close(): Promise<void>;
}
