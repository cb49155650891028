/**
 * `nailgun extension create <name>`: writes a ready extension package — manifest, SDK peer
 * range, one event, one REST handler, one migration (a prefixed table, no foreign key), one
 * pipeline, a configuration schema, tests using `@nailgun/testing`, a README and a tsconfig.
 * The name follows the host's rules (validate.ts), so what is generated always loads.
 * @module
 */
import { existsSync } from 'node:fs'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { errors } from '../../errors.js'
import { NAME_MAX_LENGTH, NAME_PATTERN } from '../validate.js'
import { scaffoldFiles } from './templates.js'

export interface ScaffoldOptions {
  /** The extension's name: lowercase letters, digits and `_`. */
  name: string
  /** Parent folder; the package goes into `<dir>/<name with dashes>`. Default: the current folder. */
  dir?: string
}

export interface ScaffoldResult {
  packageDir: string
  packageName: string
  files: string[]
}

export function checkExtensionName(name: string): void {
  if (!NAME_PATTERN.test(name) || name.length > NAME_MAX_LENGTH) {
    throw errors.invalidData(
      `Invalid extension name '${name}': use lowercase letters, digits and '_' (at most ${NAME_MAX_LENGTH} characters)`,
    )
  }
  if (/^[0-9_]/.test(name)) throw errors.invalidData(`Invalid extension name '${name}': start with a letter`)
}

export async function scaffoldExtension(options: ScaffoldOptions): Promise<ScaffoldResult> {
  checkExtensionName(options.name)
  const folder = options.name.replaceAll('_', '-')
  const packageDir = path.resolve(options.dir ?? process.cwd(), folder)
  if (existsSync(packageDir) && (await readdir(packageDir)).length > 0) {
    throw errors.invalidData(`${packageDir} exists and is not empty`)
  }
  const files = scaffoldFiles(options.name)
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(packageDir, file)
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, content)
  }
  return { packageDir, packageName: `nailgun-ext-${folder}`, files: Object.keys(files).sort() }
}
