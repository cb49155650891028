/** Pure serializers from environment data to provisioning and deployment facts. */
export { deepMerge } from './deep-merge.js'
export { serializeDeployment, serializeDeploymentCommon, serializeDeploymentNode } from './deployment-serializer.js'
export { type LegacyOptions, toLegacyDeploymentInfo, toSplitDeploymentInfo } from './legacy.js'
export { type MasterSecrets, masterSettings } from './master-settings.js'
export {
  serializeProvisioning,
  serializeProvisioningCluster,
  serializeProvisioningNode,
} from './provisioning-serializer.js'
export {
  COMMON_UID,
  mergeReplacedDeployment,
  mergeReplacedProvisioning,
  type ReplacedDeployment,
  type ReplacedProvisioning,
  splitReplacedDeployment,
  splitReplacedProvisioning,
} from './replaced-facts.js'
export type { AdminNetwork, MasterSettings, SerializerInput } from './types.js'
