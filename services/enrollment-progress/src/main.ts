import { loadConfig, runService } from '@smartcourse/platform';
import { configSchema } from './config.js';
import { enrollmentService } from './service.js';

await runService(enrollmentService(loadConfig(configSchema)));
