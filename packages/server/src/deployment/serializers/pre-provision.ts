/**
 * `pre_provision`: tasks the orchestrator runs on the master before provisioning. For Ubuntu with
 * image provisioning that is building the environment's target images (fuel-agent's
 * `fa_build_image`); the classic Cobbler installer needs nothing built.
 */
import type { JsonObject } from '@nailgun/extensions'
import { objectAt } from './json.js'
import type { ProvisioningContext } from './provisioning-context.js'
import { releaseIsUbuntu } from './release-info.js'
import type { SerializerInput } from './types.js'

const MASTER_UID = 'master'

function packages(context: ProvisioningContext): string[] {
  const raw = objectAt(context.attrs, 'provision')?.packages
  return typeof raw === 'string'
    ? raw
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
    : []
}

/** Single-quoted for `sh`: a quote inside the JSON must not end the argument. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`
}

function buildImagesTask(input: SerializerInput, context: ProvisioningContext): JsonObject {
  const conf = {
    repos: context.repoSetup.repos ?? [],
    image_data: context.imageData,
    codename: context.codename ?? null,
    output: input.master.imagesPath,
    packages: packages(context),
  }
  const cmd = [
    'fa_build_image',
    '--image_build_dir /var/lib/fuel/ibp',
    `--log-file /var/log/fuel-agent-env-${input.cluster.id}.log`,
    '--data_driver nailgun_build_image',
    `--input_data ${shellQuote(JSON.stringify(conf))}`,
  ].join(' ')
  return {
    type: 'shell',
    uids: [MASTER_UID],
    parameters: { cmd, timeout: input.master.imageBuildTimeout, retries: 1, interval: 1, cwd: '/' },
  }
}

/** The tasks, with priorities 100, 200, ... so the orchestrator runs them one after the other. */
export function preProvisionTasks(input: SerializerInput, context: ProvisioningContext): JsonObject[] {
  const tasks: JsonObject[] = []
  if (releaseIsUbuntu(input.release) && context.method === 'image') tasks.push(buildImagesTask(input, context))
  return tasks.map((task, i) => ({ ...task, priority: (i + 1) * 100 }))
}
