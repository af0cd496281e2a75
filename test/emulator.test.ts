import { Chart, Testing } from 'cdk8s';
import { DurableTaskScheduler, DurableTaskSchedulerEmulator, DurableWorker } from '../lib';
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
});
