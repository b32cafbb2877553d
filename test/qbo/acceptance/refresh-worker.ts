// One of the parallel processes of the rotation acceptance test: N forced refresh cycles through the
// shared token store. Prints {ok, invalidGrant, errors} as JSON.
import {silentLogger} from '../../../src/ui/logger.js'
import {openQboSession} from '../../../src/qbo/session.js'

const [realmId, cyclesText] = process.argv.slice(2)
const session = openQboSession(process.env, silentLogger)
let ok = 0
let invalidGrant = 0
const errors: string[] = []
for (let i = 0; i < Number(cyclesText); i++) {
  try {
    await session.keeper.refreshNow(String(realmId))
    await session.client(String(realmId)).companyInfo()
    ok++
  } catch (e) {
    const data = (e as {data?: {error?: string}}).data
    if (data?.error === 'invalid_grant') invalidGrant++
    errors.push(e instanceof Error ? e.message : String(e))
  }
}
process.stdout.write(JSON.stringify({ok, invalidGrant, errors: errors.slice(0, 5)}))
