// AES-GCM for inline actions' closure tokens, as Next encrypts them: a 16-byte random IV, token =
// base64(iv ‖ ciphertext ‖ tag). Runs in the sandbox process; isolates only get these two functions.
// The key is derived per session (HKDF of the master key and the session id): action ids are the
// same in every session, so one shared key would let a token minted in one session work in another.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const HKDF_INFO = 'server-actions-live closure key'

/** The session's own AES key, as long as the master key. */
/** @param {Buffer} masterKey @param {string} session */
export function sessionKey(masterKey, session) {
  return Buffer.from(hkdfSync('sha256', masterKey, String(session), HKDF_INFO, masterKey.length))
}

const IV_BYTES = 16
const TAG_BYTES = 16

/**
 * @param {Buffer} masterKey @param {string} session
 * @returns {Pick<import('../../contract/bridge.js').HostBridge, 'encrypt' | 'decrypt'>}
 */
export function createClosureCrypto(masterKey, session) {
  const key = sessionKey(masterKey, session)
  const algorithm = /** @type {import('node:crypto').CipherGCMTypes} */ (
    `aes-${key.length * 8}-gcm`
  )
  return {
    encrypt(plaintext) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv(algorithm, key, iv)
      const body = Buffer.concat([
        cipher.update(String(plaintext), 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ])
      return Buffer.concat([iv, body]).toString('base64')
    },
    /** → plaintext, or null for a token that is malformed or does not authenticate. */
    decrypt(token) {
      try {
        const raw = Buffer.from(String(token), 'base64')
        if (raw.length < IV_BYTES + TAG_BYTES) return null
        const decipher = createDecipheriv(algorithm, key, raw.subarray(0, IV_BYTES))
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES))
        return Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8')
      } catch {
        return null
      }
    },
  }
}
