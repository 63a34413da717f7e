// Runs in a worker thread of the hashing pool (lib/auth/password-hashing.ts): bcrypt's
// rounds never run on the main event loop. Plain ESM so it loads without a bundler.
import bcrypt from "bcryptjs";

export function hash({ password, cost }) {
  return bcrypt.hashSync(password, cost);
}

export function compare({ password, hash: digest }) {
  return bcrypt.compareSync(password, digest);
}
