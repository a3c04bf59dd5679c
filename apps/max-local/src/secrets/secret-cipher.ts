import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { SECRET_KEY_BYTES } from './secret-key-file.js';

const ALGORITHM = 'aes-256-gcm';
/** 96-bit IVs are GCM's native size; a fresh random one per value (2^-32 collision bound holds far beyond local use). */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Versioned so the AAD layout can change without ambiguity. */
const AAD_VERSION = 'max-secret-v1';

/** One encrypted value as stored. */
export interface SealedValue {
  iv: Buffer;
  ciphertext: Buffer;
  authTag: Buffer;
}

/** What a ciphertext is bound to: moving it to another scope, key or version makes it undecryptable. */
export interface SecretBinding {
  /** The network id (network scope) or app id (app scope). */
  scopeId: string;
  key: string;
  versionId: string;
}

/** A ciphertext that does not authenticate: tampered bytes, a moved row, or the wrong key file. */
export class SecretDecryptionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretDecryptionError';
  }
}

/**
 * AES-256-GCM with the data dir's key. The additional authenticated data is the scope id, the
 * env key and the version id, so a ciphertext copied onto another secret's row fails to decrypt
 * instead of silently yielding someone else's value.
 */
export class SecretCipher {
  readonly #key: Buffer;
  /** A non-secret fingerprint of the key, stored with each version to detect a swapped key file. */
  readonly keyId: string;

  constructor(key: Buffer) {
    if (key.length !== SECRET_KEY_BYTES) throw new RangeError(`secret key must be ${SECRET_KEY_BYTES} bytes`);
    this.#key = Buffer.from(key);
    this.keyId = createHmac('sha256', this.#key).update('max-local key id').digest('hex').slice(0, 16);
  }

  seal(plaintext: string, binding: SecretBinding): SealedValue {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(binding));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { iv, ciphertext, authTag: cipher.getAuthTag() };
  }

  open(sealed: SealedValue, binding: SecretBinding): string {
    try {
      const decipher = createDecipheriv(ALGORITHM, this.#key, sealed.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(binding));
      decipher.setAuthTag(sealed.authTag);
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
    } catch (error) {
      // Never include bytes of the ciphertext or plaintext: the message may reach logs. The cause
      // (OpenSSL's "unable to authenticate data") carries neither.
      throw new SecretDecryptionError(
        `Secret ${binding.key} (version ${binding.versionId}) failed authentication while decrypting: ` +
          'its stored ciphertext was modified or moved, or secret.key is not the key it was encrypted with.',
        { cause: error },
      );
    }
  }
}

function aad(binding: SecretBinding): Buffer {
  return Buffer.from(`${AAD_VERSION}\n${binding.scopeId}\n${binding.key}\n${binding.versionId}`, 'utf8');
}

/** `sha256:<hex>` of the value, as the API shows it. */
export function secretDigest(value: string): string {
  return `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`;
}
