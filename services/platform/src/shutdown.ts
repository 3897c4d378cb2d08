import type { Logger } from './logger.js';

export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

/**
 * On SIGTERM/SIGINT runs the steps in order (stop taking work, finish in-flight work, flush,
 * close connections), then exits. A step that hangs is cut off after `timeoutMs`.
 */
export function onShutdown(logger: Logger, steps: readonly ShutdownStep[], timeoutMs = 15_000): (code?: number) => Promise<void> {
  let stopping: Promise<void> | undefined;
  const shutdown = (code = 0) => {
    stopping ??= (async () => {
      logger.info('shutting down');
      const timer = setTimeout(() => {
        logger.error({ timeoutMs }, 'shutdown timed out; exiting');
        process.exit(1);
      }, timeoutMs);
      let exitCode = code;
      for (const step of steps) {
        try {
          await step.run();
        } catch (error) {
          exitCode = 1;
          logger.error({ err: error, step: step.name }, 'shutdown step failed');
        }
      }
      clearTimeout(timer);
      logger.info('stopped');
      process.exit(exitCode);
    })();
    return stopping;
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  return shutdown;
}
