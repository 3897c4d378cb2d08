import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** Runs a program on `input` (its stdin) and answers its stdout; fails with its stderr's end when it exits non-zero. */
function run(program: string, args: readonly string[], input: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-2000)));
    // The program may stop reading once it has what it needs (a poster frame): that is not a failure.
    child.stdin.on('error', () => input.destroy());
    input.on('error', (error) => child.kill() && reject(error));
    input.pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => {
      input.destroy();
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${program} exited with ${code}: ${err.trim()}`));
    });
  });
}

export interface VideoFacts {
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
}

/** A video's duration and picture size, read by ffprobe from its bytes. */
export async function videoFacts(content: Readable): Promise<VideoFacts> {
  const json = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,width,height', '-of', 'json', '-i', 'pipe:0'], content);
  const parsed = JSON.parse(json.toString()) as { format?: { duration?: string }; streams?: Array<{ codec_type?: string; width?: number; height?: number }> };
  const picture = parsed.streams?.find((stream) => stream.codec_type === 'video');
  const duration = Number(parsed.format?.duration);
  return {
    durationSeconds: Number.isFinite(duration) ? Math.round(duration * 1000) / 1000 : null,
    width: picture?.width ?? null,
    height: picture?.height ?? null,
  };
}

/** The frame at `atSeconds` (or the first, for a shorter video) as a PNG, by ffmpeg. */
export async function posterFrame(content: Readable, atSeconds: number): Promise<Buffer> {
  return run('ffmpeg', ['-v', 'error', '-ss', String(atSeconds), '-i', 'pipe:0', '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'], content);
}
