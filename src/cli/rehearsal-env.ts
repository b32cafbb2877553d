import {randomBytes} from 'node:crypto'
import {rmSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

/** What a rehearsal needs to reach a running QBO emulator, written as a shell file to source. */
export interface RehearsalEnv {
  url: string
  realmId: string
  refreshToken: string
  timeScale: number
}

/**
 * Writes `export` lines for every setting a qbo command needs to talk to the emulator, so a newcomer sources
 * one file instead of setting seven variables by hand. The token store goes beside this file, never into
 * ~/.config/qbo-toolkit (that one belongs to real companies); it is removed here because a new passphrase
 * could not read the old one.
 */
export function writeRehearsalEnv(file: string, e: RehearsalEnv): {file: string; tokenFile: string} {
  const full = resolve(file)
  const tokenFile = join(dirname(full), 'emulator-tokens.json')
  for (const f of [tokenFile, `${tokenFile}.key`]) rmSync(f, {force: true})
  const vars: [string, string][] = [
    ['QBO_BASE_URL', e.url],
    ['QBO_CLIENT_ID', 'qbo-emulator-client'],
    ['QBO_CLIENT_SECRET', 'qbo-emulator-secret'],
    ['QBO_REALM_ID', e.realmId],
    ['QBO_REFRESH_TOKEN', e.refreshToken],
    ['QBO_TIME_SCALE', String(e.timeScale)],
    ['QBO_TOKEN_FILE', tokenFile],
    ['QBO_TOKEN_PASSPHRASE', randomBytes(24).toString('base64url')],
  ]
  const quote = (v: string) => `'${v.replaceAll("'", "'\\''")}'`
  writeFileSync(
    full,
    '# qbo-toolkit rehearsal against a local QBO emulator (`qbo emulator start --env-out`). Source it: . FILE\n' +
      vars.map(([k, v]) => `export ${k}=${quote(v)}`).join('\n') +
      '\n',
    {mode: 0o600},
  )
  return {file: full, tokenFile}
}
