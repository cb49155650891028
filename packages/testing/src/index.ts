/**
 * `@nailgun/testing`: the test kit for the server and for extension authors.
 * @module
 */
export { login, logout } from './auth.js'
export { createCluster, createNodeGroup, nextClusterName } from './cluster-factories.js'
export type { TestDatabase, TestDatabaseKind } from './databases.js'
export { createTestDatabase, databases, TEST_POSTGRES_URL } from './databases.js'
export type { DeployedCluster, PreparedCluster, WaitOptions } from './deploy.js'
export { DEFAULT_ROLES, deployCluster, prepareCluster, waitFor, waitForGone, waitForTask } from './deploy.js'
export type { AgentDisk, AgentNic, AgentPayload, AgentPayloadOptions } from './factories.js'
export { agentChecksum, agentPayload, nextMac, registerNode } from './factories.js'
export type { TestApp, TestAppOptions, TestResponse } from './test-app.js'
export { createTestApp, toTestResponse } from './test-app.js'
