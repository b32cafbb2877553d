import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {authRevoke} from '../../qbo/auth-commands.js'

export default class AuthRevoke extends BaseCommand {
  static override summary = "Revoke a company's tokens at Intuit and remove them from the token store."
  static override examples = [
    '<%= config.bin %> auth revoke',
    '<%= config.bin %> auth revoke --realm 9130347',
  ]
  static override flags = {
    realm: Flags.string({
      description: 'The company (realm id) to disconnect; needed when several are connected.',
    }),
  }

  async run(): Promise<{revoked: string[]}> {
    const {flags} = await this.parse(AuthRevoke)
    const result = await authRevoke(process.env, this.logger, {realm: flags.realm})
    if (!this.mode.json) this.log(`Revoked ${result.revoked.join(', ')}`)
    return result
  }
}
