// Benchmark floor: node start-up plus loading cdk8s-plus-28 (which loads cdk8s and constructs), nothing else.
import 'cdk8s-plus-28';
