import { IConstruct } from 'constructs';

/**
 * A warning where the user looks: construct metadata (type `warning`, which `cdk8s synth` tools read) and one line
 * on stderr naming the construct path. For what works but costs the user something; errors throw instead.
 */
export function warn(scope: IConstruct, message: string): void {
  scope.node.addMetadata('warning', message);
  console.warn(`[warning] ${scope.node.path}: ${message}`);
}
