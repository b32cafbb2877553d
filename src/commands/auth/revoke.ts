import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {UsageError} from '../../domain/errors.js'
import {authRevoke, openTokenStore} from '../../qbo/auth-commands.js'
import {revokeXeroFromStore, type XeroRevoked} from '../../sources/xero-api/stored-tokens.js'

export default class AuthRevoke extends BaseCommand {
  static override summary =
    "Revoke a company's tokens at Intuit (or an organisation's at Xero) and remove them from the token store."
  static override examples = [
    '<%= config.bin %> auth revoke',
    '<%= config.bin %> auth revoke --realm 9130347',
    '<%= config.bin %> auth revoke --provider xero --tenant 7a3f…',
  ]
  static override flags = {
    provider: Flags.string({
      description: 'Which service to disconnect.',
      options: ['qbo', 'xero'],
      default: 'qbo',
    }),
    realm: Flags.string({
      description: 'The company (realm id) to disconnect; needed when several are connected.',
    }),
    tenant: Flags.string({
      description:
        'With --provider xero: the organisation (tenant id) to disconnect; needed when several are connected.',
    }),
  }

  async run(): Promise<{revoked: string[]} | XeroRevoked> {
    const {flags} = await this.parse(AuthRevoke)
    const xero = flags.provider === 'xero'
    const stray = xero && flags.realm ? '--realm' : !xero && flags.tenant ? '--tenant' : undefined
    if (stray) {
      throw new UsageError(`${stray} does not go with --provider ${flags.provider}.`, {
        next: 'Use --realm for a QuickBooks company, --provider xero --tenant for a Xero organisation.',
      })
    }
    if (xero) {
      const result = await revokeXeroFromStore({
        env: process.env,
        store: openTokenStore(process.env),
        ...(flags.tenant ? {tenantId: flags.tenant} : {}),
      })
      if (!this.mode.json) {
        this.log(`Revoked Xero organisation ${result.revoked.join(', ')}`)
        if (result.note) this.log(result.note)
      }
      return result
    }
    const result = await authRevoke(process.env, this.logger, {realm: flags.realm})
    if (!this.mode.json) this.log(`Revoked ${result.revoked.join(', ')}`)
    return result
  }
}
