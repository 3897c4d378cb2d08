import { runService } from '@smartcourse/platform';
import { config } from './config.js';
import { enrollmentService } from './service.js';

await runService(enrollmentService(config));
