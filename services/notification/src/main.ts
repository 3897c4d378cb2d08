import { runService } from '@smartcourse/platform';
import { config } from './config.js';
import { notificationService } from './service.js';

await runService(notificationService(config));
