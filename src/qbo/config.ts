import {homedir} from 'node:os'
import {join} from 'node:path'

import {z} from 'zod'

import {ConfigError} from '../domain/errors.js'

/** Everything the client reads from the environment (CLI.md "Connecting to QuickBooks Online"). */
export interface QboConfig {
  clientId: string
  clientSecret: string
  environment: 'sandbox' | 'production'
  redirectUri: string
  baseUrl: string | undefined
  tokenFile: string
  passphrase: string | undefined
  seed: {refreshToken: string; realmId: string} | undefined
}

export interface QboEndpoints {
  authorize: string
  token: string
  revoke: string
  userinfo: string
  /** API origin; paths are /v3/company/{realm}/... */
  api: string
}

const envSchema = z.object({
  QBO_CLIENT_ID: z.string().min(1).optional(),
  QBO_CLIENT_SECRET: z.string().min(1).optional(),
  QBO_ENVIRONMENT: z.enum(['sandbox', 'production']).default('sandbox'),
  QBO_REDIRECT_URI: z.url().default('http://localhost:8000/cb'),
  QBO_BASE_URL: z.url().optional(),
  QBO_TOKEN_FILE: z.string().min(1).optional(),
  QBO_TOKEN_PASSPHRASE: z.string().min(1).optional(),
  QBO_REFRESH_TOKEN: z.string().min(1).optional(),
  QBO_REALM_ID: z.string().min(1).optional(),
  XDG_CONFIG_HOME: z.string().min(1).optional(),
})

export function defaultTokenFile(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config')
  return join(base, 'qbo-toolkit', 'tokens.json')
}

/** Token-store settings only; commands that never call Intuit (status) need no client id. */
export function readStoreConfig(env: NodeJS.ProcessEnv): {tokenFile: string; passphrase: string | undefined} {
  const e = parseEnv(env)
  return {tokenFile: e.QBO_TOKEN_FILE ?? defaultTokenFile(env), passphrase: e.QBO_TOKEN_PASSPHRASE}
}

function parseEnv(env: NodeJS.ProcessEnv) {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''))
  const parsed = envSchema.safeParse(blankless)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ConfigError(`Invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`, {
      next: 'Fix the variable (QBO_ENVIRONMENT is sandbox or production; URLs start with http:// or https://).',
    })
  }
  return parsed.data
}

export function readQboConfig(env: NodeJS.ProcessEnv): QboConfig {
  const e = parseEnv(env)
  if (!e.QBO_CLIENT_ID || !e.QBO_CLIENT_SECRET) {
    throw new ConfigError('QBO_CLIENT_ID and QBO_CLIENT_SECRET are not set', {
      next: 'Set QBO_CLIENT_ID and QBO_CLIENT_SECRET to the keys of your Intuit developer app (Keys & credentials).',
    })
  }
  return {
    clientId: e.QBO_CLIENT_ID,
    clientSecret: e.QBO_CLIENT_SECRET,
    environment: e.QBO_ENVIRONMENT,
    redirectUri: e.QBO_REDIRECT_URI,
    baseUrl: e.QBO_BASE_URL,
    tokenFile: e.QBO_TOKEN_FILE ?? defaultTokenFile(env),
    passphrase: e.QBO_TOKEN_PASSPHRASE,
    seed:
      e.QBO_REFRESH_TOKEN && e.QBO_REALM_ID
        ? {refreshToken: e.QBO_REFRESH_TOKEN, realmId: e.QBO_REALM_ID}
        : undefined,
  }
}

/**
 * QBO_BASE_URL sends every Intuit endpoint to one origin (the emulator's layout mirrors Intuit's paths).
 * Without it: Intuit's documented production/sandbox hosts (qbo-api.md §4, §8).
 */
export function endpointsFor(config: Pick<QboConfig, 'baseUrl' | 'environment'>): QboEndpoints {
  if (config.baseUrl) {
    const base = config.baseUrl.replace(/\/+$/, '')
    return {
      authorize: `${base}/connect/oauth2`,
      token: `${base}/oauth2/v1/tokens/bearer`,
      revoke: `${base}/oauth2/v1/tokens/revoke`,
      userinfo: `${base}/v1/openid_connect/userinfo`,
      api: base,
    }
  }
  const sandbox = config.environment === 'sandbox'
  return {
    authorize: 'https://appcenter.intuit.com/connect/oauth2',
    token: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
    revoke: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
    userinfo: sandbox
      ? 'https://sandbox-accounts.platform.intuit.com/v1/openid_connect/userinfo'
      : 'https://accounts.platform.intuit.com/v1/openid_connect/userinfo',
    api: sandbox ? 'https://sandbox-quickbooks.api.intuit.com' : 'https://quickbooks.api.intuit.com',
  }
}
