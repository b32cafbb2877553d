import {createCipheriv, createDecipheriv, randomBytes, scryptSync} from 'node:crypto'
import {closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync} from 'node:fs'
import {dirname} from 'node:path'

import {z} from 'zod'

import {ConfigError} from '../domain/errors.js'

/** The file on disk: only ciphertext and the parameters needed to open it. */
export const sealedSchema = z.object({
  format: z.literal('qbo-toolkit-tokens'),
  version: z.literal(1),
  kdf: z.enum(['scrypt', 'keyfile']),
  salt: z.string(),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
})
export type Sealed = z.infer<typeof sealedSchema>

/**
 * `derived` caches the scrypt key per salt for the life of one store: every request reads the token file, and
 * scrypt (deliberately slow, and synchronous) on each would hold up a run of many small requests.
 */
export type KeySource =
  {kind: 'passphrase'; passphrase: string; derived?: Map<string, Buffer>} | {kind: 'keyfile'; path: string}

/** The random key file beside the store: created once with mode 0600; a racing creator reads the winner's. */
function keyFromFile(path: string): Buffer {
  try {
    return readKey(path)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
  }
  mkdirSync(dirname(path), {recursive: true, mode: 0o700})
  try {
    const fd = openSync(path, 'wx', 0o600)
    try {
      writeSync(fd, randomBytes(32).toString('base64'))
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  }
  return readKey(path)
}

function readKey(path: string): Buffer {
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')
  if (key.length !== 32) {
    throw new ConfigError(`The token key file ${path} is damaged`, {
      next: `Delete ${path} and the token file beside it, then run \`qbo auth connect\` again.`,
    })
  }
  return key
}

function deriveKey(source: KeySource, salt: Buffer): Buffer {
  if (source.kind !== 'passphrase') return keyFromFile(source.path)
  const id = salt.toString('base64')
  const known = source.derived?.get(id)
  if (known) return known
  const key = scryptSync(source.passphrase, salt, 32)
  source.derived?.set(id, key)
  return key
}

export function seal(plaintext: string, source: KeySource): Sealed {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', deriveKey(source, salt), iv)
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return {
    format: 'qbo-toolkit-tokens',
    version: 1,
    kdf: source.kind === 'passphrase' ? 'scrypt' : 'keyfile',
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  }
}

export function unseal(sealed: Sealed, source: KeySource, file: string): string {
  const expected = source.kind === 'passphrase' ? 'scrypt' : 'keyfile'
  if (sealed.kdf !== expected) {
    throw new ConfigError(
      sealed.kdf === 'scrypt'
        ? `The token file ${file} is protected by a passphrase, but QBO_TOKEN_PASSPHRASE is not set`
        : `The token file ${file} was written without a passphrase, but QBO_TOKEN_PASSPHRASE is set`,
      {next: 'Use the same QBO_TOKEN_PASSPHRASE setting as when the company was connected.'},
    )
  }
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      deriveKey(source, Buffer.from(sealed.salt, 'base64')),
      Buffer.from(sealed.iv, 'base64'),
    )
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
      'utf8',
    )
  } catch {
    throw new ConfigError(`The token file ${file} cannot be decrypted (wrong passphrase or key file)`, {
      next: 'Set the QBO_TOKEN_PASSPHRASE used when connecting, or delete the token file and run `qbo auth connect`.',
    })
  }
}
