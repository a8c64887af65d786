import { inject } from '@angular/core';
import type { CanMatchFn } from '@angular/router';

import { FeaturesService, type FeatureFlag } from './features.service';

/** Matches the route only while the server reports `flag` as on. */
export function featureGuard(flag: FeatureFlag): CanMatchFn {
  return async () => (await inject(FeaturesService).load())[flag];
}
