import { loadConfig, runService } from '@smartcourse/platform';
import { configSchema } from './config.js';
import { courseService } from './service.js';

await runService(courseService(loadConfig(configSchema)));
