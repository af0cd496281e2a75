import { TIME_ZONES, isTimeZone, timeZoneSpelling } from '../../lib/private/time-zones';

describe('time zone names (tz database zones and links)', () => {
  test('the list is sorted by code unit, without duplicates (a stable, reviewable generated file)', () => {
    // GIVEN / WHEN
    const unsorted = TIME_ZONES.filter((zone, i) => i > 0 && !(TIME_ZONES[i - 1] < zone));

    // THEN
    expect(unsorted).toEqual([]);
    expect(TIME_ZONES.length).toBeGreaterThan(590);
  });

  test('every name is accepted, and is a zone Intl knows too', () => {
    // GIVEN / WHEN
    const refused = TIME_ZONES.filter(zone => !isTimeZone(zone));
    const unknownToIntl = TIME_ZONES.filter(zone => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return false;
      } catch {
        return true;
      }
    });

    // THEN
    expect(refused).toEqual([]);
    expect(unknownToIntl).toEqual([]);
  });

  test('canonical names, links and fixed offsets of the Etc area are accepted', () => {
    for (const zone of ['UTC', 'Europe/Amsterdam', 'America/New_York', 'US/Pacific', 'Asia/Kolkata', 'Asia/Calcutta',
      'Etc/GMT+5', 'Etc/UTC', 'EST5EDT', 'America/Argentina/Buenos_Aires']) {
      expect(isTimeZone(zone)).toBe(true);
    }
  });

  test('a name in another case is refused, and its spelling found', () => {
    // GIVEN
    const variants = TIME_ZONES.flatMap(zone => [zone.toLowerCase(), zone.toUpperCase()]
      .filter(v => v !== zone && !TIME_ZONES.includes(v)).map(v => [v, zone]));

    // WHEN
    const accepted = variants.filter(([v]) => isTimeZone(v));
    const misspelled = variants.filter(([v, zone]) => timeZoneSpelling(v) !== zone);

    // THEN
    expect(variants.length).toBeGreaterThan(1000);
    expect(accepted).toEqual([]);
    expect(misspelled).toEqual([]);
  });

  test('what Go special-cases or the tz database keeps as a placeholder is refused', () => {
    // "Local" is the KEDA container's own zone (UTC in its image), "" is UTC to Go but missing to KEDA.
    for (const zone of ['Local', '', 'Factory', '+01:00', 'GMT+1', 'Mars/Olympus', ' UTC']) {
      expect(isTimeZone(zone)).toBe(false);
    }
  });
});
