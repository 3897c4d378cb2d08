import { AppError } from '@smartcourse/platform';
import { ProviderRefused } from './provider.js';

/**
 * Calls the provider and turns what goes wrong into the platform's errors: a refusal it answered
 * (502, with its reason), or no answer at all (503: nothing was done, try again).
 */
export async function providerCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProviderRefused) {
      throw new AppError({ code: 'PAYMENT_PROVIDER_REFUSED', message: error.message, details: { providerCode: error.providerCode ?? null }, cause: error });
    }
    throw new AppError({ code: 'PAYMENT_PROVIDER_UNAVAILABLE', message: 'The payment provider did not answer; try again.', retriable: true, cause: error });
  }
}
