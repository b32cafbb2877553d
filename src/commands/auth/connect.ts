import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import open from 'open'

import {authConnect, openTokenStore} from '../../qbo/auth-commands.js'
import type {ConnectResult} from '../../qbo/connect.js'
import {UsageError} from '../../domain/errors.js'
import {normalizeDomain} from '../../sources/shopify/config.js'
import {connectXeroToStore, type XeroConnectStored} from '../../sources/xero-api/stored-tokens.js'

export default class AuthConnect extends BaseCommand {
  static override summary =
    'Authorize a QuickBooks Online company once in the browser and store its tokens encrypted.'
  static override description =
    'Opens the Intuit consent screen, waits on 127.0.0.1 for the callback, and stores the tokens. The consent URL is always printed on stderr (stdout stays clean for --json).'
  static override examples = [
    '<%= config.bin %> auth connect',
    '<%= config.bin %> auth connect --no-browser --port 8123',
    '<%= config.bin %> auth connect --provider xero',
    'SHOPIFY_ACCESS_TOKEN=shpat_… <%= config.bin %> auth connect --provider shopify --store acme.myshopify.com',
  ]
  static override flags = {
    provider: Flags.string({
      description:
        'Which service to connect. Xero uses XERO_CLIENT_ID, XERO_CLIENT_SECRET, XERO_REDIRECT_URI (default http://localhost:8000/cb) and XERO_BASE_URL.',
      options: ['qbo', 'xero', 'shopify'],
      default: 'qbo',
    }),
    store: Flags.string({
      description:
        'Shopify only: the store (its myshopify.com domain) whose Admin API access token, from SHOPIFY_ACCESS_TOKEN, is stored encrypted.',
    }),
    port: Flags.integer({
      description: 'Port of the local callback (overrides the port of QBO_REDIRECT_URI).',
      min: 0,
      max: 65535,
    }),
    browser: Flags.boolean({
      description: 'Open the browser (--no-browser only prints the URL).',
      default: true,
      allowNo: true,
    }),
    'realm-hint': Flags.string({
      description: 'The company id you expect; a warning is shown if another is chosen.',
    }),
    timeout: Flags.integer({description: 'Seconds to wait for the consent screen.', default: 300, min: 1}),
  }

  async run(): Promise<ConnectResult | XeroConnectStored | {shop: string; stored: true}> {
    const {flags} = await this.parse(AuthConnect)
    if (flags.provider === 'shopify') {
      // A custom app's Admin API token does not expire and needs no browser: it is stored as given.
      const token = process.env.SHOPIFY_ACCESS_TOKEN?.trim()
      if (!flags.store || !token)
        throw new UsageError(
          "Shopify needs --store and the store's Admin API access token in SHOPIFY_ACCESS_TOKEN.",
          {
            next: 'Run `SHOPIFY_ACCESS_TOKEN=shpat_… qbo auth connect --provider shopify --store your-shop.myshopify.com`.',
          },
        )
      const shop = normalizeDomain(flags.store)
      const store = openTokenStore(process.env)
      await store.locked(() =>
        store.putShopify({shop, accessToken: token, storedAt: new Date().toISOString()}),
      )
      if (!this.mode.json) this.log(`Stored the access token of ${shop} (encrypted, ${store.file})`)
      return {shop, stored: true}
    }
    const showUrl = (url: string) => process.stderr.write(`Open this URL to authorize qbo-toolkit:\n${url}\n`)
    if (flags.provider === 'xero') {
      const xero = await connectXeroToStore({
        env: process.env,
        store: openTokenStore(process.env),
        open: async (url) => {
          showUrl(url)
          if (flags.browser) await open(url)
        },
        ...(flags.port === undefined ? {} : {port: flags.port}),
        timeoutMs: flags.timeout * 1000,
      })
      if (!this.mode.json)
        for (const t of xero.tenants) this.log(`Connected Xero tenant ${t.tenantId} (${t.tenantName})`)
      return xero
    }
    const result = await authConnect(
      process.env,
      this.logger,
      {
        port: flags.port,
        browser: flags.browser,
        realmHint: flags['realm-hint'],
        timeoutMs: flags.timeout * 1000,
      },
      showUrl,
    )
    if (!this.mode.json) this.log(`Connected realm ${result.realmId} (${result.companyName})`)
    return result
  }
}
