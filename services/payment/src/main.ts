import { loadConfig, runService } from '@smartcourse/platform';
import { configSchema } from './config.js';
import { paymentService } from './service.js';

await runService(paymentService(loadConfig(configSchema)));
