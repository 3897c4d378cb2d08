import { loadConfig, runService } from '@smartcourse/platform';
import { configSchema } from './config.js';
import { certificateService } from './service.js';

await runService(certificateService(loadConfig(configSchema)));
