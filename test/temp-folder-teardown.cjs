'use strict';
// Jest's globalTeardown: removes the run's temporary folder (temp-folder-setup.cjs).
const { rmSync } = require('node:fs');

module.exports = () => {
  const dir = process.env.CDK8S_DURABLE_TASK_TEST_TMPDIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
};
