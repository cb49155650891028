/**
 * `@nailgun/testing`: the test kit for the server and for extension authors.
 * @module
 */
export { login, logout } from './auth.js'
export { createCluster, createNodeGroup, nextClusterName } from './cluster-factories.js'
export type { ConformanceOptions } from './conformance.js'
export { runConformanceTests } from './conformance.js'
export type { TestDatabase, TestDatabaseKind } from './databases.js'
export { createTestDatabase, databases, TEST_AMQP_URL, TEST_POSTGRES_URL } from './databases.js'
export type { DeployedCluster, PreparedCluster, WaitOptions } from './deploy.js'
export { DEFAULT_ROLES, deployCluster, prepareCluster, waitFor, waitForGone, waitForTask } from './deploy.js'
export type { CreateNodeOptions, TestEnv } from './env.js'
export { createTestEnv } from './env.js'
export type { AgentDisk, AgentNic, AgentPayload, AgentPayloadOptions } from './factories.js'
export { agentChecksum, agentPayload, nextMac, registerNode } from './factories.js'
export type { FactsStage, GoldenOptions, NormaliseOptions } from './golden.js'
export { expectFactsToMatchGolden, normaliseFacts, renderFacts } from './golden.js'
export type { TestApp, TestAppOptions, TestResponse } from './test-app.js'
export { createTestApp, toTestResponse } from './test-app.js'
