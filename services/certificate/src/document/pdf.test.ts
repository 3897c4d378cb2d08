import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PDFParse } from 'pdf-parse';
import { renderCertificatePdf, type CertificateDocument } from './pdf.js';

const run = promisify(execFile);

const certificate: CertificateDocument = {
  number: 'SC-2026-000123',
  studentName: 'Łukasz Żółć',
  courseTitle: 'Crème brûlée for beginners',
  instructorName: 'Ada Lovelace',
  completedAt: new Date('2026-12-01T23:30:00Z'),
  issuedAt: new Date('2026-12-02T00:15:00Z'),
  scorePercent: 87.5,
  verificationUrl: 'https://smartcourse.example/verify/Zq3xT0b9Kd2mW8vYp1sLrA',
};

async function parsed(pdf: Buffer): Promise<{ text: string; pages: number; info: Record<string, unknown> }> {
  const parser = new PDFParse({ data: pdf });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    return { text: text.text, pages: text.total, info: info.info as Record<string, unknown> };
  } finally {
    await parser.destroy();
  }
}

/** The page's text on one line, so a line break inside a wrapped title does not hide it. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

describe('certificate PDF', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'certificate-pdf-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('holds the student, course, instructor, completion date in UTC, score, number and verification URL', async () => {
    const { text, pages } = await parsed(await renderCertificatePdf(certificate));

    expect(pages).toBe(1);
    const page = flat(text);
    expect(page).toContain('Certificate of Completion');
    expect(page).toContain('Łukasz Żółć');
    expect(page).toContain('Crème brûlée for beginners');
    expect(page).toContain('Ada Lovelace');
    expect(page).toContain('Completed on 1 December 2026');
    expect(page).toContain('Issued on 2 December 2026');
    expect(page).toContain('87.5%');
    expect(page).toContain('SC-2026-000123');
    expect(page).toContain('https://smartcourse.example/verify/Zq3xT0b9Kd2mW8vYp1sLrA');
  });

  it('names nobody once the student is erased, and leaves out an absent score and instructor', async () => {
    const { text } = await parsed(await renderCertificatePdf({ ...certificate, studentName: null, instructorName: null, scorePercent: null }));

    const page = flat(text);
    expect(page).toContain('the holder of this certificate');
    expect(page).not.toContain('Łukasz');
    expect(page).not.toContain('Żółć');
    expect(page).not.toContain('Ada Lovelace');
    expect(page).not.toContain('Instructor');
    expect(page).not.toContain('Score');
    expect(page).toContain('Crème brûlée for beginners');
    expect(page).toContain('SC-2026-000123');
  });

  it('keeps a very long title and name on the one page, with everything below them still there', async () => {
    const courseTitle = 'Advanced Żółć and crème brûlée techniques for the professional kitchen, '.repeat(20);
    const studentName = 'Maria Łucja Wolfeschlegelsteinhausenbergerdorff-Núñez de la Cruz '.repeat(3);

    const { text, pages } = await parsed(await renderCertificatePdf({ ...certificate, courseTitle, studentName }));

    expect(pages).toBe(1);
    const page = flat(text);
    expect(page).toContain('Advanced Żółć and crème brûlée techniques');
    expect(page).toContain('Completed on 1 December 2026');
    expect(page).toContain('SC-2026-000123');
    expect(page).toContain(certificate.verificationUrl);
  });

  it('carries its title, author and creation date (the issue time) as metadata, and renders the same input to the same bytes', async () => {
    const first = await renderCertificatePdf(certificate);
    const second = await renderCertificatePdf(certificate);

    const { info } = await parsed(first);
    expect(info['Title']).toBe('Certificate of Completion SC-2026-000123: Crème brûlée for beginners');
    expect(info['Author']).toBe('SmartCourse');
    expect(info['CreationDate']).toBe('D:20261202001500Z');
    expect(second.equals(first)).toBe(true);
  });

  it('renders page one as a landscape picture with visible ink but mostly paper', async () => {
    const pdfPath = join(scratch, 'certificate.pdf');
    await writeFile(pdfPath, await renderCertificatePdf(certificate));

    await run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(scratch, 'page')]);
    const png = await readFile(join(scratch, 'page.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const size = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
    expect(size.width).toBeGreaterThan(size.height);

    await run('pdftoppm', ['-gray', '-r', '50', '-f', '1', '-l', '1', '-singlefile', pdfPath, join(scratch, 'page')]);
    const gray = parsePgm(await readFile(join(scratch, 'page.pgm')));
    expect(gray).toMatchObject(size);
    const inked = gray.pixels.filter((value) => value < 200).length / gray.pixels.length;
    expect(inked).toBeGreaterThan(0.02);
    expect(inked).toBeLessThan(0.4);
  });
});

/** A binary PGM (P5, 8 bits): "P5 <width> <height> <maxval>" then one byte per pixel. */
function parsePgm(bytes: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [whole, width, height, maxValue] = header;
  expect(Number(maxValue)).toBe(255);
  const pixels = bytes.subarray(whole.length);
  expect(pixels.length).toBe(Number(width) * Number(height));
  return { width: Number(width), height: Number(height), pixels };
}
