#!/usr/bin/env node
// Development entry point: runs the TypeScript sources directly through tsx (used by tests).
import {execute} from '@oclif/core'

await execute({development: true, dir: import.meta.url})
