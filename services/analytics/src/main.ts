import { loadConfig, runService } from '@smartcourse/platform';
import { configSchema } from './config.js';
import { analyticsService } from './service.js';

await runService(analyticsService(loadConfig(configSchema)));
