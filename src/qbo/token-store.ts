import {randomBytes} from 'node:crypto'
import {closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync} from 'node:fs'
import {dirname} from 'node:path'

import lockfile from 'proper-lockfile'
import {z} from 'zod'

import {ConfigError} from '../domain/errors.js'
import {type KeySource, seal, sealedSchema, unseal} from './token-crypto.js'

/** One connected company. Times are ISO instants; hardExpiresAt is null when Intuit did not say. */
export const tokenEntrySchema = z.object({
  realmId: z.string().min(1),
  accessToken: z.string().min(1),
  accessExpiresAt: z.iso.datetime(),
  refreshToken: z.string().min(1),
  refreshExpiresAt: z.iso.datetime(),
  hardExpiresAt: z.iso.datetime().nullable(),
  lastRotatedAt: z.iso.datetime(),
  companyName: z.string().optional(),
})
export type TokenEntry = z.infer<typeof tokenEntrySchema>

/** One connected Xero organisation (`qbo auth connect --provider xero`); times are ISO instants. */
export const xeroTokenEntrySchema = z.object({
  tenantId: z.string().min(1),
  tenantName: z.string().optional(),
  accessToken: z.string().min(1),
  accessExpiresAt: z.iso.datetime(),
  refreshToken: z.string().min(1).optional(),
  lastRotatedAt: z.iso.datetime(),
})
export type XeroTokenEntry = z.infer<typeof xeroTokenEntrySchema>

/** One Shopify store's Admin API access token (`qbo auth connect --provider shopify --store …`). */
export const shopifyTokenEntrySchema = z.object({
  shop: z.string().min(1),
  accessToken: z.string().min(1),
  storedAt: z.iso.datetime(),
})
export type ShopifyTokenEntry = z.infer<typeof shopifyTokenEntrySchema>

// `xero` and `shopify` default to empty so files written before their entries existed still read.
const contentSchema = z.object({
  realms: z.record(z.string(), tokenEntrySchema),
  xero: z.record(z.string(), xeroTokenEntrySchema).default({}),
  shopify: z.record(z.string(), shopifyTokenEntrySchema).default({}),
})
type Content = z.infer<typeof contentSchema>

export interface TokenStoreOptions {
  file: string
  passphrase?: string | undefined
}

/**
 * The encrypted token file (CLI.md): AES-256-GCM, mode 0600, atomic replace, one entry per realm.
 * `locked` serialises read-modify-write (and refreshes) across processes with proper-lockfile.
 */
export class TokenStore {
  readonly file: string
  private readonly key: KeySource

  constructor(options: TokenStoreOptions) {
    this.file = options.file
    this.key = options.passphrase
      ? {kind: 'passphrase', passphrase: options.passphrase, derived: new Map()}
      : {kind: 'keyfile', path: `${options.file}.key`}
  }

  list(): TokenEntry[] {
    return Object.values(this.read().realms)
  }

  get(realmId: string): TokenEntry | undefined {
    return this.read().realms[realmId]
  }

  /** Writes an entry. Call inside `locked` when the write depends on what was read. */
  put(entry: TokenEntry): void {
    const content = this.read()
    content.realms[entry.realmId] = tokenEntrySchema.parse(entry)
    this.write(content)
  }

  remove(realmId: string): boolean {
    const content = this.read()
    if (!content.realms[realmId]) return false
    delete content.realms[realmId]
    this.write(content)
    return true
  }

  listXero(): XeroTokenEntry[] {
    return Object.values(this.read().xero)
  }

  getXero(tenantId: string): XeroTokenEntry | undefined {
    return this.read().xero[tenantId]
  }

  /** Writes Xero entries (one per tenant) in one replace. Call inside `locked` when it depends on a read. */
  putXero(entries: XeroTokenEntry[]): void {
    const content = this.read()
    for (const entry of entries) content.xero[entry.tenantId] = xeroTokenEntrySchema.parse(entry)
    this.write(content)
  }

  removeXero(tenantId: string): void {
    const content = this.read()
    delete content.xero[tenantId]
    this.write(content)
  }

  getShopify(shop: string): ShopifyTokenEntry | undefined {
    return this.read().shopify[shop]
  }

  listShopify(): ShopifyTokenEntry[] {
    return Object.values(this.read().shopify)
  }

  /** Writes a Shopify store's token. Call inside `locked`. */
  putShopify(entry: ShopifyTokenEntry): void {
    const content = this.read()
    content.shopify[entry.shop] = shopifyTokenEntrySchema.parse(entry)
    this.write(content)
  }

  /** Runs fn holding the store's cross-process lock (waits for another holder; a crashed holder goes stale). */
  async locked<T>(fn: () => Promise<T> | T): Promise<T> {
    mkdirSync(dirname(this.file), {recursive: true, mode: 0o700})
    const release = await lockfile.lock(this.file, {
      realpath: false,
      lockfilePath: `${this.file}.lock`,
      stale: 15_000,
      retries: {retries: 400, minTimeout: 10, maxTimeout: 100, factor: 1.3, randomize: true},
    })
    try {
      return await fn()
    } finally {
      await release()
    }
  }

  private read(): Content {
    let raw: string
    try {
      raw = readFileSync(this.file, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {realms: {}, xero: {}, shopify: {}}
      throw e
    }
    const damaged = () =>
      new ConfigError(`The token file ${this.file} is damaged`, {
        next: `Delete ${this.file} and run \`qbo auth connect\` again.`,
      })
    let sealed
    try {
      sealed = sealedSchema.parse(JSON.parse(raw))
    } catch {
      throw damaged()
    }
    const parsed = contentSchema.safeParse(JSON.parse(unseal(sealed, this.key, this.file)))
    if (!parsed.success) throw damaged()
    return parsed.data
  }

  /** Write a temp file (0600), fsync, rename over the old one, fsync the folder: a crash leaves old or new. */
  private write(content: Content): void {
    const dir = dirname(this.file)
    mkdirSync(dir, {recursive: true, mode: 0o700})
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    const text = JSON.stringify(seal(JSON.stringify(content), this.key))
    const fd = openSync(tmp, 'w', 0o600)
    try {
      writeSync(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    try {
      renameSync(tmp, this.file)
    } catch (e) {
      rmSync(tmp, {force: true})
      throw e
    }
    try {
      const dfd = openSync(dir, 'r')
      try {
        fsyncSync(dfd)
      } finally {
        closeSync(dfd)
      }
    } catch {
      // Some filesystems refuse fsync on a directory; the rename itself is still atomic.
    }
  }
}
