import {ConfigError} from '../../domain/errors.js'

/**
 * The Admin API version the sync is written against. Shopify supports a stable version for a year; the
 * emulator's schema was checked against this version's published SDL (docs/shopify.md).
 */
export const API_VERSION = '2026-01'

/** A shop's myshopify.com domain, the key of everything the sync keeps per store. */
export function normalizeDomain(text: string): string {
  const d = text
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
  return d.includes('.') ? d : `${d}.myshopify.com`
}

/**
 * Where a shop's GraphQL endpoint is: `https://{shop}/admin/api/{version}/graphql.json`, or under
 * SHOPIFY_BASE_URL (the local emulator) at `{base}/store/{shop}/admin/api/{version}/graphql.json`.
 */
export function graphqlUrl(shop: string, baseUrl?: string): string {
  if (baseUrl)
    return `${baseUrl.replace(/\/+$/, '')}/store/${encodeURIComponent(shop)}/admin/api/${API_VERSION}/graphql.json`
  return `https://${shop}/admin/api/${API_VERSION}/graphql.json`
}

/** What the token store keeps for Shopify (the command passes the real store; sources know nothing of qbo/). */
export interface ShopifyTokenStorePort {
  getShopify(shop: string): {accessToken: string} | undefined
}

/**
 * A store's Admin API access token: SHOPIFY_ACCESS_TOKENS ("shop=token,shop=token"), else the encrypted
 * token store (`qbo auth connect --provider shopify`), else SHOPIFY_ACCESS_TOKEN when only one store syncs.
 */
export function accessTokenFor(
  shop: string,
  env: Record<string, string | undefined>,
  store: ShopifyTokenStorePort | undefined,
  storesInRun: number,
): string {
  for (const pair of (env.SHOPIFY_ACCESS_TOKENS ?? '').split(',')) {
    const at = pair.lastIndexOf('=')
    if (at > 0 && normalizeDomain(pair.slice(0, at)) === shop) return pair.slice(at + 1).trim()
  }
  const stored = store?.getShopify(shop)
  if (stored) return stored.accessToken
  const single = env.SHOPIFY_ACCESS_TOKEN?.trim()
  if (single && storesInRun === 1) return single
  throw new ConfigError(`No Shopify access token for ${shop}.`, {
    next:
      `Store one with \`qbo auth connect --provider shopify --store ${shop}\` (it reads SHOPIFY_ACCESS_TOKEN), ` +
      `or set SHOPIFY_ACCESS_TOKENS="${shop}=shpat_…" (one shop=token pair per store, comma-separated).`,
  })
}
