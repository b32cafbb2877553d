import {z} from 'zod'

import {ConfigError} from '../../domain/errors.js'

/** ShipStation V1: HTTP Basic with the API key and secret (integrations.md §1.1). */
export const SHIPSTATION_V1_URL = 'https://ssapi.shipstation.com'
/** V1 allows 40 requests a minute per key and secret, shared by every app using that pair. */
export const SHIPSTATION_V1_PER_MINUTE = 40

export interface ShipStationConfig {
  apiKey: string
  apiSecret: string
  baseUrl: string
  /** Our share of the key's 40 a minute (less when other apps use the same key). */
  requestsPerMinute: number
  /** Divides ShipStation's minute, for an emulator started with the same --time-scale. */
  timeScale: number
}

const envSchema = z.object({
  SHIPSTATION_API_KEY: z.string().min(1).optional(),
  SHIPSTATION_API_SECRET: z.string().min(1).optional(),
  SHIPSTATION_BASE_URL: z.url().optional(),
  SHIPSTATION_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(SHIPSTATION_V1_PER_MINUTE).optional(),
  SHIPSTATION_TIME_SCALE: z.coerce.number().positive().optional(),
})

/** The connection from the environment; the key and secret are required and never logged. */
export function readShipStationConfig(env: NodeJS.ProcessEnv): ShipStationConfig {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''))
  const parsed = envSchema.safeParse(blankless)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ConfigError(`Invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`, {
      next:
        'SHIPSTATION_BASE_URL is a URL (http:// or https://), SHIPSTATION_REQUESTS_PER_MINUTE a whole number ' +
        'from 1 to 40, SHIPSTATION_TIME_SCALE a positive number.',
    })
  }
  const e = parsed.data
  if (!e.SHIPSTATION_API_KEY || !e.SHIPSTATION_API_SECRET) {
    throw new ConfigError('SHIPSTATION_API_KEY and SHIPSTATION_API_SECRET are not set', {
      next: 'In ShipStation: Settings > Account > API Settings, copy the V1 API Key and Secret into SHIPSTATION_API_KEY and SHIPSTATION_API_SECRET.',
    })
  }
  return {
    apiKey: e.SHIPSTATION_API_KEY,
    apiSecret: e.SHIPSTATION_API_SECRET,
    baseUrl: (e.SHIPSTATION_BASE_URL ?? SHIPSTATION_V1_URL).replace(/\/+$/, ''),
    requestsPerMinute: e.SHIPSTATION_REQUESTS_PER_MINUTE ?? SHIPSTATION_V1_PER_MINUTE,
    timeScale: e.SHIPSTATION_TIME_SCALE ?? 1,
  }
}
