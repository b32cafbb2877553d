import {AuthError, UsageError} from '../domain/errors.js'
import type {Logger} from '../ui/logger.js'
import type {QboClient, QboClientOptions} from './client.js'
import {openQboSession} from './session.js'

/**
 * The client for the company a migration command works on: `--realm` when given, else the realm being
 * seeded headlessly (QBO_REALM_ID), else the only company in the token store.
 */
export function openRealmClient(
  env: NodeJS.ProcessEnv,
  logger: Logger,
  options: {realm?: string; client?: Partial<QboClientOptions>} = {},
): QboClient {
  const session = openQboSession(env, logger)
  const realm =
    options.realm ?? session.config.seed?.realmId ?? onlyRealm(session.store.list().map((e) => e.realmId))
  return session.client(realm, options.client)
}

function onlyRealm(realms: string[]): string {
  if (realms.length === 1) return realms[0]!
  if (realms.length === 0) {
    throw new AuthError('No QuickBooks Online company is connected.', {
      next: 'Run `qbo auth connect` once (or set QBO_REFRESH_TOKEN and QBO_REALM_ID for headless use).',
    })
  }
  throw new UsageError(`Several companies are connected (${realms.join(', ')}).`, {
    next: 'Pass --realm with one of them.',
  })
}
