import {Flags} from '@oclif/core'

import {BaseCommand} from '../../cli/base-command.js'
import {EXIT} from '../../domain/errors.js'
import {type AuthStatus, authStatus} from '../../qbo/auth-commands.js'

export default class AuthStatusCommand extends BaseCommand {
  static override summary =
    'Show the stored QuickBooks Online (and Xero) authorizations and when they expire.'
  static override examples = ['<%= config.bin %> auth status', '<%= config.bin %> auth status --check --json']
  static override flags = {
    check: Flags.boolean({description: 'Refresh each token now to prove the authorization still works.'}),
  }

  async run(): Promise<AuthStatus> {
    const {flags} = await this.parse(AuthStatusCommand)
    const status = await authStatus(process.env, this.logger, {check: flags.check})
    if (!this.mode.json) this.log(render(status))
    // Scripts and monitors can alert on a failed --check without parsing the output.
    if (status.realms.some((r) => r.check && !r.check.ok)) this.setExitCode(EXIT.error)
    return status
  }
}

function render(s: AuthStatus): string {
  const lines = [`Token store ${s.tokenFile}`]
  if (s.realms.length === 0) lines.push('No QuickBooks company connected. Run `qbo auth connect`.')
  for (const r of s.realms) {
    lines.push(`Realm ${r.realmId}${r.companyName ? ` (${r.companyName})` : ''}`)
    lines.push(`  access token expires   ${r.accessExpiresAt}`)
    lines.push(`  refresh token expires  ${r.refreshExpiresAt} (rolling 100 days, extended by every refresh)`)
    lines.push(`  hard expiry            ${r.hardExpiresAt ?? 'not reported by Intuit'}`)
    lines.push(`  last rotation          ${r.lastRotatedAt}`)
    if (r.check) lines.push(`  refresh now            ${r.check.ok ? 'works' : `FAILED: ${r.check.error}`}`)
  }
  for (const x of s.xero) {
    lines.push(`Xero organisation ${x.tenantId}${x.tenantName ? ` (${x.tenantName})` : ''}`)
    lines.push(`  access token expires   ${x.accessExpiresAt}`)
    lines.push(
      `  refresh token          ${x.hasRefreshToken ? 'held (Xero expires it after 60 days unused)' : 'none: a custom connection gets new tokens from its client credentials'}`,
    )
    lines.push(`  last rotation          ${x.lastRotatedAt}`)
  }
  return lines.join('\n')
}
