// extracted from validation/README.md:235 by scripts/snippets.mjs: edit the Markdown, not this file
import { validateManifests } from 'cdk8s-durable-task-validator';
import { collectFiles, loadFiles } from 'cdk8s-durable-task-validator/load';

const loaded = loadFiles(collectFiles(['dist']));
const findings = validateManifests(loaded.documents.map((d) => d.object), { sources: loaded.documents });
console.log(`${findings.length} findings`);
