#!/usr/bin/env node
// Copies what tsc does not: the dashboard's page assets (plain JS and CSS) next to the built server.
import {cpSync} from 'node:fs'

cpSync('src/dashboard/assets', 'dist/dashboard/assets', {recursive: true})
