// Reference app: the standard AKS layout for Durable Task Scheduler apps. `npm run synth` writes dist/.
import { buildReferenceApp } from './app/reference-app';
import { loadAppSettings } from './app/settings';
import { DurableApp } from './lib';

// DurableApp: App with a synth() that stays linear in the number of tenants (same output).
const app = new DurableApp();
// Tenants from tenants.yaml (DURABLE_TENANTS_FILE), or the compact DURABLE_TENANTS list.
buildReferenceApp(app, loadAppSettings());
app.synth();
