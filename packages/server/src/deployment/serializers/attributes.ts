/**
 * Cluster attributes as the facts carry them (Nailgun's `merged_attrs_values`): generated values
 * merged with the editable ones, each `{value: X}` setting unwrapped to `X`, the `common` section
 * lifted to the top level. Section `metadata` is kept: manifests read `section.metadata.enabled`.
 */
import type { ClusterObject, JsonObject } from '@nailgun/extensions'
import { deepMerge } from './deep-merge.js'
import { isObject, objectAt } from './json.js'
import type { SerializerInput } from './types.js'

/** The editable sections, whether stored bare or under `editable` (as Nailgun's table has them). */
export function editableSections(cluster: ClusterObject): JsonObject {
  return objectAt(cluster.attributes, 'editable') ?? cluster.attributes
}

function unwrapSection(section: JsonObject): JsonObject {
  const out: JsonObject = {}
  for (const [key, setting] of Object.entries(section)) {
    out[key] = isObject(setting) && 'value' in setting ? (setting.value ?? null) : setting
  }
  return out
}

/** `additional_components: {sahara: true}` becomes `sahara: {enabled: true}`, as in Nailgun. */
function liftComponents(attrs: JsonObject): void {
  const components = attrs.additional_components
  if (!isObject(components)) return
  delete attrs.additional_components
  for (const [name, enabled] of Object.entries(components)) {
    if (typeof enabled !== 'boolean') continue
    const current = attrs[name]
    attrs[name] = { ...(isObject(current) ? current : {}), enabled }
  }
}

export function flattenAttributes(cluster: ClusterObject, generated: JsonObject = {}): JsonObject {
  const merged = deepMerge(generated, editableSections(cluster))
  const attrs: JsonObject = {}
  for (const [name, section] of Object.entries(merged)) {
    attrs[name] = isObject(section) ? unwrapSection(section) : section
  }
  const common = attrs.common
  if (isObject(common)) {
    delete attrs.common
    // Its UI metadata would land at the top level as a meaningless `metadata` fact.
    const { metadata: _metadata, ...settings } = common
    Object.assign(attrs, settings)
  }
  liftComponents(attrs)
  return attrs
}

const cache = new WeakMap<SerializerInput, JsonObject>()

/** The flattened attributes of the input's cluster, computed once per input object. */
export function clusterAttributes(input: SerializerInput): JsonObject {
  let attrs = cache.get(input)
  if (!attrs) {
    attrs = flattenAttributes(input.cluster, input.generatedAttributes)
    cache.set(input, attrs)
  }
  return attrs
}
