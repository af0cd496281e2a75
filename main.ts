// Reference app: the standard AKS layout for Durable Task Scheduler apps. `npm run synth` writes dist/.
import { App } from 'cdk8s';
import { buildReferenceApp } from './app/reference-app';
import { loadSettings } from './app/settings';

const app = new App();
buildReferenceApp(app, loadSettings());
app.synth();
