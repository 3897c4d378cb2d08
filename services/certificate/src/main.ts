import { runService } from '@smartcourse/platform';
import { config } from './config.js';
import { certificateService } from './service.js';

await runService(certificateService(config));
