/**
 * `@nailgun/testing`: the test kit for the server and for extension authors.
 * @module
 */
export { createTestDatabase, databases, TEST_POSTGRES_URL } from './databases.js'
export type { TestDatabase, TestDatabaseKind } from './databases.js'
export { createTestApp, toTestResponse } from './test-app.js'
export type { TestApp, TestAppOptions, TestResponse } from './test-app.js'
