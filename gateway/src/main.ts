import { loadConfig, runService } from '@smartcourse/platform';
import { configSchema } from './config.js';
import { gatewayService } from './service.js';

await runService(gatewayService(loadConfig(configSchema)));
