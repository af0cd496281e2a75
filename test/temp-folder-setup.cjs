'use strict';
// Jest's globalSetup: the temporary folders of a test run (Testing.app() makes one per app under os.tmpdir(),
// thousands per run) go into one folder of the run's own, which temp-folder-teardown.cjs removes, instead of piling
// up in the system's. The worker processes inherit TMPDIR: jest starts them after this ran.
const { mkdtempSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

module.exports = () => {
  const dir = mkdtempSync(join(os.tmpdir(), 'cdk8s-durable-task-test.'));
  process.env.CDK8S_DURABLE_TASK_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
