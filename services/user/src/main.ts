import { runService } from '@smartcourse/platform';
import { config } from './config.js';
import { userService } from './service.js';

await runService(userService(config));
