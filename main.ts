// Reference app: the standard AKS layout for Durable Task Scheduler apps. `npm run synth` writes dist/;
// `npm run synth:dev` (DURABLE_PROFILE=dev) writes its dev profile for a local cluster to dist-dev/ (app/dev-app.ts).
import { buildDevApp } from './app/dev-app';
import { buildReferenceApp } from './app/reference-app';
import { loadAppSettings } from './app/settings';
import { DurableApp } from './lib';

// DurableApp: App with a synth() that stays linear in the number of tenants (same output).
const app = new DurableApp();
// Tenants from tenants.yaml (DURABLE_TENANTS_FILE), or the compact DURABLE_TENANTS list.
if (process.env.DURABLE_PROFILE === 'dev') {
  buildDevApp(app, loadAppSettings());
} else if (process.env.DURABLE_PROFILE === undefined || process.env.DURABLE_PROFILE === 'production') {
  buildReferenceApp(app, loadAppSettings());
} else {
  throw new Error(`DURABLE_PROFILE ${JSON.stringify(process.env.DURABLE_PROFILE)} must be "production" (default) `
    + 'or "dev"');
}
app.synth();
