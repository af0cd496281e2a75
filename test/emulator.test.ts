import { Chart, Testing } from 'cdk8s';
import {
  DurableTaskScheduler, DurableTaskSchedulerEmulator, DurableWorker, KedaTrigger, NamespaceBaseline, Scaling,
} from '../lib';
import { container, IMAGE, one, synthValid } from './util';

describe('DurableTaskSchedulerEmulator from JavaScript', () => {
  test('takes null props and null binding options as none', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'dev', { namespace: 'dev' });
    // WHEN
    const emulator = new DurableTaskSchedulerEmulator(chart, 'Emulator', null as any);
    new DurableWorker(chart, 'Worker', {
      image: IMAGE, scheduler: DurableTaskScheduler.fromEmulator(emulator, null as any), taskHub: 'orders',
    });
    // THEN
    const manifests = synthValid(chart);
    expect(container(one(manifests, 'Deployment', 'dts-emulator')).env[0])
      .toEqual({ name: 'DTS_TASK_HUB_NAMES', value: 'orders' });
    expect(container(one(manifests, 'Deployment', 'durable-worker')).env[0])
      .toEqual({ name: 'DTS_ENDPOINT', value: 'http://dts-emulator.dev.svc:8080' });
  });

  test('fails when fromEmulator is given a plain object instead of an emulator', () => {
    // GIVEN
    const fake = { endpoint: 'http://dts.dev.svc:8080', name: 'dts', namespaceName: 'dev', grpcPort: 8080 };
    // WHEN / THEN
    expect(() => DurableTaskScheduler.fromEmulator(fake as any)).toThrow(new RegExp('^DurableTaskScheduler\\.fromEmulator: '
      + "'emulator' \\(\\{\"endpoint\":\"http://dts\\.dev\\.svc:8080\",.*\\) must be a DurableTaskSchedulerEmulator$"));
  });

  test('fails when a workload binds to the emulator of another App', () => {
    // GIVEN
    const emulator = new DurableTaskSchedulerEmulator(new Chart(Testing.app(), 'dev', { namespace: 'dev' }), 'Emulator');
    const other = new Chart(Testing.app(), 'dev', { namespace: 'dev' });
    // WHEN / THEN
    expect(() => new DurableWorker(other, 'Worker', {
      image: IMAGE, scheduler: DurableTaskScheduler.fromEmulator(emulator), taskHub: 'orders',
    })).toThrow(new RegExp("^dev/Worker: 'scheduler' is bound to the emulator dev/Emulator of another App, which would "
      + 'neither create its task hub nor admit its pods: create the emulator in the App of its workloads$'));
  });

  test('fails when a worker bound to the emulator scales on the Durable Task Scheduler trigger', () => {
    // GIVEN
    const chart = new Chart(Testing.app(), 'dev', { namespace: 'dev' });
    const emulator = new DurableTaskSchedulerEmulator(chart, 'Emulator');
    // WHEN / THEN
    expect(() => new DurableWorker(chart, 'Worker', {
      image: IMAGE, scheduler: DurableTaskScheduler.fromEmulator(emulator), taskHub: 'orders',
      scaling: Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler()] }),
    })).toThrow(new Error("dev/Worker: 'scaling.triggers[0]' (durableTaskScheduler) would have KEDA query the "
      + 'scheduler at "http://dts-emulator.dev.svc:8080", the local DTS emulator, which admits only the workloads '
      + 'bound to it and takes no credentials: scale on cpu or memory, or use Scaling.fixedReplicas, with the emulator'));
  });

  test('the quota counts the emulator as one pod: its Recreate strategy never surges', () => {
    // GIVEN a namespace whose quota admits exactly one pod
    const chart = new Chart(Testing.app(), 'dev', { namespace: 'dev' });
    new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'dev', quota: { pods: 1 } });
    // WHEN
    new DurableTaskSchedulerEmulator(chart, 'Emulator');
    // THEN
    expect(one(synthValid(chart), 'Deployment', 'dts-emulator').spec.strategy).toEqual({ type: 'Recreate' });
  });
});
