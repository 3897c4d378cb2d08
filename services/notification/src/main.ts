import { loadConfig, runService } from '@smartcourse/platform';
import { configSchema } from './config.js';
import { notificationService } from './service.js';

await runService(notificationService(loadConfig(configSchema)));
