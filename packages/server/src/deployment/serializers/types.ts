/**
 * What the serializers read. Everything they need comes in through `SerializerInput` (no
 * database, no settings module, no clock), so the same input always gives the same facts.
 */
import type { ClusterObject, JsonObject, NodeGroupObject, NodeObject, ReleaseObject } from '@nailgun/extensions'

/** The admin (PXE) network the master serves, when the release does not describe it. */
export interface AdminNetwork {
  cidr: string
  gateway: string | null
}

/** Settings of the Fuel master node the facts point nodes at (Nailgun's `settings.yaml` values). */
export interface MasterSettings {
  /** `MASTER_IP`: where nodes reach the master (repos, puppet, mcollective, syslog). */
  ip: string
  /** The provisioning engine (Cobbler API); `password` is a secret, injected. */
  engine: { url: string; username: string; password: string }
  /** Cluster-wide `auth_key` when the attributes carry none. */
  authKey?: string
  /** Public keys allowed to log in to provisioned nodes (`AUTHORIZED_KEYS`). */
  authorizedKeys: string[]
  timezone: string
  /** `DNS_SERVERS` / `DNS_SEARCH`: resolvers and search domain written into provisioned nodes. */
  dns: { servers: string; search: string }
  puppetMaster: string
  /** MCollective (RabbitMQ) credentials written into nodes; `password` and `pskey` are secrets. */
  mco: { pskey: string; vhost: string; host: string; user: string; password: string; connector: string }
  /** Key the engine uses to reach a provisioned node, and one for nodes still in bootstrap. */
  sshKeyPath: string
  bootstrapSshKeyPath: string
  /** Package repositories for `repo_setup` when the cluster attributes carry none. */
  repos?: JsonObject[]
  /** Where the image builder writes target images, and how long it may take (seconds). */
  imagesPath: string
  imageBuildTimeout: number
  /** Fallback when the release's networks metadata has no `fuelweb_admin` network. */
  adminNetwork?: AdminNetwork
}

/** One environment, its nodes and the master's settings: all a serializer looks at. */
export interface SerializerInput {
  release: ReleaseObject
  cluster: ClusterObject
  /** The nodes to serialize (any order; outputs are ordered by id). */
  nodes: readonly NodeObject[]
  nodeGroups: readonly NodeGroupObject[]
  master: MasterSettings
  /**
   * Values of the cluster's generated attributes (database passwords, tokens), already generated:
   * `{mysql: {root_password: '...'}}`. Injected so that serialization stays deterministic.
   */
  generatedAttributes?: JsonObject
}
