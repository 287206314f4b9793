/**
 * The baseline the server benchmark compares against: a bare fastify HTTPS endpoint that parses the same
 * AdmissionReview body and allows it. Run as a child process: `node dist/bench/bare-server.js PORT CERT KEY
 * [PATCH]`. With PATCH (a base64 JSON patch), `/mutate` answers every request with that patch: the most any
 * webhook that sends such a patch can do in this setup, whatever its engine costs.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

interface Review {
  apiVersion?: string;
  request?: { uid?: string };
}

const [port, certFile, keyFile, patch] = process.argv.slice(2);
const app = Fastify({
  https: { cert: readFileSync(certFile), key: readFileSync(keyFile), minVersion: 'TLSv1.2' },
  bodyLimit: 8 * 1024 * 1024,
  logger: false,
});
app.post('/validate', async (req) => {
  const review = req.body as Review;
  return { apiVersion: review.apiVersion, kind: 'AdmissionReview', response: { uid: review.request?.uid ?? '', allowed: true } };
});
if (patch !== undefined) {
  app.post('/mutate', async (req) => {
    const review = req.body as Review;
    return { apiVersion: review.apiVersion, kind: 'AdmissionReview', response: { uid: review.request?.uid ?? '', allowed: true, patchType: 'JSONPatch', patch } };
  });
}
app.get('/readyz', async () => ({ ready: true }));
await app.listen({ host: '127.0.0.1', port: Number(port) });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
