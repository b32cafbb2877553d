import {readFileSync} from 'node:fs'

import {parse as parseYaml} from 'yaml'

import {UserInputError} from '../../domain/errors.js'
import {DEFAULT_SETTINGS, ShopifySettings} from '../../mappers/shopify/settings.js'

/**
 * The sync's settings from a YAML (or JSON, which is YAML too) file, checked where they enter. A missing file
 * is the defaults unless it was asked for by name.
 */
export function readShopifySettings(file: string, required: boolean): ShopifySettings {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return DEFAULT_SETTINGS
    throw new UserInputError(`Cannot read the Shopify settings file ${file}: ${(error as Error).message}`, {
      next: 'Check the path given to --settings (docs/shopify.md, "Settings", shows an example).',
    })
  }
  let raw: unknown
  try {
    raw = parseYaml(text) ?? {}
  } catch (error) {
    throw new UserInputError(`${file} is not valid YAML: ${(error as Error).message}`, {
      next: `Fix ${file} (docs/shopify.md, "Settings", shows an example).`,
      data: {file},
    })
  }
  const parsed = ShopifySettings.safeParse(raw)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
    throw new UserInputError(`${file} has settings the sync cannot use: ${issues.join('; ')}`, {
      next: `Fix ${file} (docs/shopify.md, "Settings", lists every setting).`,
      data: {file, issues},
    })
  }
  return parsed.data
}
