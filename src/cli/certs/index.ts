export { runCertsCommand, CERTS_FLAGS } from './command.js';
