import { loadConfig, runService } from '@smartcourse/platform';
import { configSchema } from './config.js';
import { mediaService } from './service.js';

await runService(mediaService(loadConfig(configSchema)));
