import * as fs from 'fs';
import { AppProps } from 'cdk8s';
import { show } from './input-checks';

/** The prefix of DurableApp's own input errors: the app is the root, whose construct path is empty. */
const PREFIX = 'DurableApp';

const EXTENSION = /^[A-Za-z0-9._-]*\.ya?ml$/;

/**
 * The props of a DurableApp, checked before cdk8s reads them: a JavaScript caller may pass `null` (as no props) or a
 * value of the wrong type, which cdk8s would fail on with a TypeError, or only when it writes the files.
 */
export function checkAppProps(props: unknown): AppProps {
  if (props === undefined || props === null) {
    return {};
  }
  if (typeof props !== 'object' || Array.isArray(props)) {
    throw new Error(`${PREFIX}: 'props' (${show(props)}) must be an object of options, e.g. { outdir: "dist" }`);
  }
  const { outdir, outputFileExtension } = props as AppProps;
  if (outdir !== undefined && (typeof outdir !== 'string' || outdir.length === 0)) {
    throw new Error(`${PREFIX}: 'outdir' (${show(outdir)}) must be a folder path, e.g. "dist"`);
  }
  // cdk8s appends the extension to the chart's name: a '/' would write the file elsewhere, and Argo CD and Flux
  // apply only the .yaml/.yml files of a folder.
  if (outputFileExtension !== undefined
    && (typeof outputFileExtension !== 'string' || !EXTENSION.test(outputFileExtension))) {
    throw new Error(`${PREFIX}: 'outputFileExtension' (${show(outputFileExtension)}) must end in ".yaml" or ".yml" `
      + "and have only letters, digits, '.', '_' or '-' (no path separator), e.g. \".k8s.yaml\": Argo CD and Flux "
      + 'apply only the .yaml and .yml files of a folder');
  }
  return props as AppProps;
}

/** The outdir must be a folder, or not exist yet (cdk8s creates it), before cdk8s writes into it. */
export function checkOutdir(outdir: string): void {
  if (fs.existsSync(outdir) && !fs.statSync(outdir).isDirectory()) {
    throw new Error(`${PREFIX}: 'outdir' (${show(outdir)}) is a file, not a folder: cdk8s writes the charts' files `
      + 'into it; give a folder path, e.g. "dist"');
  }
}
