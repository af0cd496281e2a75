/**
 * Trigger metadata KEDA reads only when it builds a scaler, long after `kubectl apply` succeeded: a cron time zone Go
 * cannot load, or a Prometheus address every query would miss. The ScaledObject then never scales (its status says
 * why); the construct library refuses the same inputs at synth (lib/keda-trigger.ts).
 */
import { Findings, Manifest } from './context';
import { PROMETHEUS_QUERY_PATH, hideUserInfo } from './k8s-facts';
import { isTimeZone, timeZoneSpelling } from './time-zones';
import { JsonObject, dig, str } from './types';

export function checkTriggerMetadata(m: Manifest, triggers: readonly unknown[], out: Findings): void {
  triggers.forEach((trigger, i) => {
    const type = str(dig(trigger, 'type'));
    const metadata = dig(trigger, 'metadata') as JsonObject | undefined;
    const field = (name: string) => ['spec', 'triggers', i, 'metadata', name];
    if (type === 'cron') {
      const problem = timeZoneProblem(str(dig(metadata, 'timezone')));
      if (problem) out.report('keda-trigger-metadata', m, `trigger ${i} (cron): ${problem}`, field('timezone'));
    }
    if (type === 'prometheus') {
      const address = str(dig(metadata, 'serverAddress'));
      const problem = address === undefined ? undefined : prometheusAddressProblem(address);
      if (problem) {
        out.report('keda-trigger-metadata', m, `trigger ${i} (prometheus): ${problem}`, field('serverAddress'));
      }
    }
  });
}

/**
 * KEDA's cron scaler loads the zone with Go's time.LoadLocation (pkg/scalers/cron_scaler.go), which opens the
 * tz database file of that name, case-sensitively.
 */
function timeZoneProblem(zone: string | undefined): string | undefined {
  if (zone === undefined) return undefined; // a missing timezone is KEDA's own metadata error, not a value problem
  if (isTimeZone(zone)) return undefined;
  const spelling = timeZoneSpelling(zone);
  return `timezone ${JSON.stringify(zone)} is not a name of the IANA tz database${spelling
    ? `; Go loads zones case-sensitively: write ${JSON.stringify(spelling)}` : ', e.g. "Europe/Amsterdam" or "UTC"'}`;
}

function prometheusAddressProblem(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return `serverAddress ${JSON.stringify(hideUserInfo(address))} is not a URL`;
  }
  if (url.username !== '' || url.password !== '') {
    // Neither the password nor the user (often a token) is repeated: findings land in CI logs.
    return `serverAddress ${JSON.stringify(hideUserInfo(address))} has credentials in it, in plain text: read them `
      + 'from a Secret (authModes: basic, and a TriggerAuthentication with secretTargetRef)';
  }
  if (url.search !== '' || url.hash !== '' || address.includes('?') || address.includes('#')) {
    return `serverAddress ${JSON.stringify(address)} has a query or fragment: KEDA appends "/api/v1/query?query=..." `
      + 'to it, so every query would go to the wrong URL';
  }
  const apiPath = PROMETHEUS_QUERY_PATH.exec(url.pathname);
  if (apiPath) {
    return `serverAddress ${JSON.stringify(address)} ends in ${JSON.stringify(apiPath[0])}, but KEDA appends `
      + '"/api/v1/query?query=..." itself: give the server\'s base URL';
  }
  return undefined;
}
