import { loadConfig, runService } from '@smartcourse/platform';
import { configSchema } from './config.js';
import { userService } from './service.js';

await runService(userService(loadConfig(configSchema)));
