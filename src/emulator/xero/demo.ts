import {fileURLToPath} from 'node:url'

/**
 * The bundled demo company in the emulator's folder format, written by the fixture generator
 * (fixtures/generator/xero-api.ts). Resolved from this module so it works from src/ (tsx) and dist/ alike:
 * both sit two levels below the package root, and the package ships `fixtures/`.
 */
export const DEMO_XERO_COMPANY_DIR = fileURLToPath(
  new URL('../../../fixtures/demo/xero-api/', import.meta.url),
)
