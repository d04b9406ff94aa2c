import { useEffect, useState } from 'react';
import { type ClockReading, chooseClock, DEVICE_CLOCK, measureServerSkew } from './serverClock';

/**
 * The clock the Success page should use: the device's, corrected by the server's time (from
 * `/api/time`) when they disagree by more than five minutes beyond the measurement's error. Starts with the device clock and corrects itself
 * once the measurement arrives.
 */
export function useTrustedClock(): ClockReading {
  const [reading, setReading] = useState<ClockReading>(DEVICE_CLOCK);
  useEffect(() => {
    let cancelled = false;
    void measureServerSkew().then((skew) => {
      if (!cancelled) setReading(chooseClock(skew));
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return reading;
}
