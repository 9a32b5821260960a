// AES-GCM for inline actions' closure tokens, as Next encrypts them: a 16-byte random IV, token =
// base64(iv ‖ ciphertext ‖ tag). Runs in the sandbox process; isolates only get these two functions.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const IV_BYTES = 16
const TAG_BYTES = 16

export function createClosureCrypto(key) {
  const algorithm = `aes-${key.length * 8}-gcm`
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
