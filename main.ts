// Reference app: the standard AKS layout for Durable Task Scheduler apps. `npm run synth` writes dist/.
import { buildReferenceApp } from './app/reference-app';
import { loadSettings } from './app/settings';
import { DurableApp } from './lib';

// DurableApp: App with a synth() that stays linear in the number of tenants (same output).
const app = new DurableApp();
buildReferenceApp(app, loadSettings());
app.synth();
