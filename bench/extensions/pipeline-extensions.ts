/**
 * Five bench extensions with two pipelines each, doing the kind of edits real extensions do:
 * per-node additions (a monitoring endpoint, a kernel parameter, a label), a cluster-wide block,
 * and a seed-style pass over every node entry. They read what the serializers produced, so a
 * change in the facts' shape shows up here rather than silently benching nothing.
 */
import {
  BaseExtension,
  type ClusterObject,
  type JsonObject,
  type NodeObject,
  type PipelineSpec,
} from '@nailgun/extensions'

type Loose = JsonObject & Record<string, any>

function perNodePipeline(ext: number): PipelineSpec {
  return {
    processDeploymentForNode(node: NodeObject, data: Loose) {
      data[`bench_ext_${ext}`] = { monitored: true, endpoint: `http://${node.hostname}:${9100 + ext}/metrics` }
      const roles = Array.isArray(data.roles) ? data.roles : []
      data[`bench_ext_${ext}_tags`] = roles.map((role: unknown) => `${String(role)}-${ext}`)
    },
    processProvisioningForNode(node: NodeObject, data: Loose) {
      if (!data.ks_meta) data.ks_meta = {}
      const ks = data.ks_meta as Loose
      ks[`bench_ext_${ext}`] = `${node.mac}/${ext}`
      data.kernel_options = { ...(data.kernel_options as Loose), [`bench.ext${ext}`]: 'on' }
    },
  } as PipelineSpec
}

function seedStylePipeline(ext: number): PipelineSpec {
  return {
    processDeploymentForCluster(_cluster: ClusterObject, common: Loose) {
      common[`bench_ext_${ext}_settings`] = { enabled: true, level: ext, servers: ['10.0.0.1', '10.0.0.2'] }
    },
    processDeployment(data: Loose, _cluster: ClusterObject, nodes: NodeObject[]) {
      const count = nodes.length
      for (const entry of data.nodes as Loose[]) entry[`bench_ext_${ext}_peers`] = count
      return data
    },
    processProvisioning(data: Loose) {
      for (const entry of (data.nodes ?? []) as Loose[]) entry[`bench_ext_${ext}_seen`] = true
      data[`bench_ext_${ext}_engine_note`] = `ext ${ext}`
      return data
    },
  } as PipelineSpec
}

export function pipelineExtensions(count = 5): BaseExtension[] {
  return Array.from({ length: count }, (_, i) => {
    const ext = i + 1
    return new (class extends BaseExtension {
      readonly name = `bench_pipeline_${ext}`
      readonly version = '1.0.0'
      readonly description = `Bench extension ${ext} with two data pipelines`
      override dataPipelines = [perNodePipeline(ext), seedStylePipeline(ext)]
    })()
  })
}

export const PIPELINE_EXTENSION_NAMES = Array.from({ length: 5 }, (_, i) => `bench_pipeline_${i + 1}`)
