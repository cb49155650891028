/**
 * Validation of `PUT /nodes/<id>/disks`: the body's shape (Nailgun's simple disk schema), then
 * the rules Nailgun enforces, against the node's current layout.
 * @module
 */
import { InputError } from '@nailgun/extensions'
import { type SimpleDiskEdit, usableSize, volumeName } from './simple-format.js'
import type { DiskSpace } from './types.js'

export interface DisksRules {
  /** Ubuntu's installer cannot spread the base system over several disks. */
  osOnSingleDisk: boolean
}

const invalid = (message: string) => new InputError('NG_EXT_VOLUMES_INVALID_DISKS', message)

export function validateDisksBody(body: unknown, disks: readonly DiskSpace[], rules: DisksRules): SimpleDiskEdit[] {
  const edits = parseShape(body)
  if (edits.length === 0) throw invalid('Node seems not to have disks')
  for (const edit of edits) checkFits(edit, findDisk(disks, edit.id))
  checkUniqueDisks(edits)
  checkKeepDataFlags(edits)
  if (rules.osOnSingleDisk) checkOsOnOneDisk(edits)
  checkSingleBootable(edits)
  return edits
}

function parseShape(body: unknown): SimpleDiskEdit[] {
  if (!Array.isArray(body)) throw invalid('A list of disks is expected')
  return body.map((disk, i) => {
    const at = `[${i}]`
    if (!isObject(disk)) throw invalid(`${at}: a disk must be an object`)
    requireKeys(disk, ['id', 'size', 'volumes'], at)
    if (typeof disk.id !== 'string') throw invalid(`${at}.id: must be a string`)
    if (!isSize(disk.size)) throw invalid(`${at}.size: must be a non-negative integer`)
    if (disk.bootable !== undefined && typeof disk.bootable !== 'boolean') {
      throw invalid(`${at}.bootable: must be a boolean`)
    }
    if (!Array.isArray(disk.volumes)) throw invalid(`${at}.volumes: must be an array`)
    const volumes = disk.volumes.map((volume, j) => parseVolume(volume, `${at}.volumes[${j}]`))
    return { id: disk.id, volumes, ...(disk.bootable === undefined ? {} : { bootable: disk.bootable }) }
  })
}

function parseVolume(volume: unknown, at: string): SimpleDiskEdit['volumes'][number] {
  if (!isObject(volume)) throw invalid(`${at}: a volume must be an object`)
  requireKeys(volume, ['name', 'size'], at)
  if (typeof volume.name !== 'string') throw invalid(`${at}.name: must be a string`)
  if (!isSize(volume.size)) throw invalid(`${at}.size: must be a non-negative integer`)
  if (volume.keep_data !== undefined && typeof volume.keep_data !== 'boolean') {
    throw invalid(`${at}.keep_data: must be a boolean`)
  }
  return { name: volume.name, size: volume.size, keep_data: volume.keep_data ?? false }
}

function findDisk(disks: readonly DiskSpace[], id: string): DiskSpace {
  const disk = disks.find((d) => d.id === id)
  if (!disk) throw invalid(`Unknown disk '${id}': the node has ${disks.map((d) => d.id).join(', ') || 'no disks'}`)
  return disk
}

/** Every volume must exist on the disk, once, and together they must fit in its usable size. */
function checkFits(edit: SimpleDiskEdit, disk: DiskSpace): void {
  const known = new Set(disk.volumes.map(volumeName).filter((n) => n !== undefined))
  const seen = new Set<string>()
  for (const { name } of edit.volumes) {
    if (!known.has(name)) throw invalid(`Disk '${disk.id}' has no volume '${name}'`)
    if (seen.has(name)) throw invalid(`Volume '${name}' is listed twice for disk '${disk.id}'`)
    seen.add(name)
  }
  const requested = edit.volumes.reduce((sum, v) => sum + v.size, 0)
  const available = usableSize(disk)
  if (requested > available) {
    throw invalid(`Not enough free space on disk: ${disk.id} (volumes need ${requested}MB, ${available}MB available)`)
  }
}

function checkUniqueDisks(edits: readonly SimpleDiskEdit[]): void {
  const ids = edits.map((e) => e.id)
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i)
  if (duplicate !== undefined) throw invalid(`Disk '${duplicate}' is listed twice`)
}

/** A volume spread over disks is one filesystem: it is kept or wiped as a whole. */
function checkKeepDataFlags(edits: readonly SimpleDiskEdit[]): void {
  const flags = new Map<string, Set<boolean>>()
  for (const v of edits.flatMap((e) => e.volumes)) {
    flags.set(v.name, (flags.get(v.name) ?? new Set()).add(Boolean(v.keep_data)))
  }
  const mixed = [...flags].filter(([, values]) => values.size > 1).map(([name]) => name)
  if (mixed.length > 0) {
    throw invalid(
      `All volumes with the same name should have the same value for \`keep_data\` flag, incorrect volumes: ${mixed.join(', ')}`,
    )
  }
}

function checkOsOnOneDisk(edits: readonly SimpleDiskEdit[]): void {
  const disksWithOs = edits.filter((e) => e.volumes.some((v) => v.name === 'os' && v.size > 0))
  if (disksWithOs.length > 1) throw invalid('Base system should be allocated on one disk only')
}

function checkSingleBootable(edits: readonly SimpleDiskEdit[]): void {
  const bootable = edits.filter((e) => e.bootable === true).map((e) => e.id)
  if (bootable.length > 1) {
    throw invalid(
      `Disks ${bootable.join(', ')} can not be selected as bootable at the same time. Only one disk should be selected as bootable.`,
    )
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

function requireKeys(value: Record<string, unknown>, keys: readonly string[], at: string): void {
  const missing = keys.find((key) => !(key in value))
  if (missing) throw invalid(`${at}: '${missing}' is a required property`)
}
