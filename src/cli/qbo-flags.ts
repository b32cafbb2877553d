import {Flags} from '@oclif/core'

import {UsageError} from '../domain/errors.js'

/** Flags of the commands that talk to a QBO company. */
export const realmFlag = Flags.string({
  description: 'The QBO company (realm id); default: the only connected one, or QBO_REALM_ID.',
})

/**
 * QBO_TIME_SCALE: divide QBO's time windows (throttle minute, 429 back-off) when the target is an emulator
 * started with the same --time-scale. Unset (1) for real QBO.
 */
export function timeScaleFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.QBO_TIME_SCALE
  if (raw === undefined || raw === '') return 1
  const n = Number(raw)
  if (!(n > 0))
    throw new UsageError(`QBO_TIME_SCALE must be a positive number, not "${raw}".`, {
      next: 'Unset it for real QBO.',
    })
  return n
}
