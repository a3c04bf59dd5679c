// The deploy engine of max-local: blob store, tree assembly, builds, supervised releases and the app router.
// Independent of the database and the HTTP API: routes wire these to records and channels.
export * from './assemble-tree.js';
export * from './blob-store.js';
export * from './build-plan.js';
export * from './build-runner.js';
export * from './deploy-errors.js';
export * from './health-check.js';
export * from './line-splitter.js';
export * from './manifest.js';
export * from './process-group.js';
export * from './process-supervisor.js';
export * from './release-manager.js';
export * from './router.js';
export * from './run-deployment.js';
