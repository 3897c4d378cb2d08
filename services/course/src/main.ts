import { runService } from '@smartcourse/platform';
import { config } from './config.js';
import { courseService } from './service.js';

await runService(courseService(config));
