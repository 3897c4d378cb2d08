import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { drawQrCode } from './qr-code.js';

export interface CertificateDocument {
  number: string;
  /** null after the student's erasure: the PDF then names nobody. */
  studentName: string | null;
  courseTitle: string;
  instructorName: string | null;
  completedAt: Date;
  issuedAt: Date;
  /** Shown only when not null. */
  scorePercent: number | null;
  /** Printed and encoded as a QR code. */
  verificationUrl: string;
}

// pdfkit's standard 14 fonts only know WinAnsi, so names such as 'Łukasz Żółć' need an embedded
// font; DejaVu covers Latin, Greek and Cyrillic. pdfkit embeds only the glyphs a page uses.
const require = createRequire(import.meta.url);
const FONTS = {
  serif: 'DejaVuSerif.ttf',
  serifBold: 'DejaVuSerif-Bold.ttf',
  serifItalic: 'DejaVuSerif-Italic.ttf',
  sans: 'DejaVuSans.ttf',
} as const;
type FontName = keyof typeof FONTS;

const INK = '#1b2a41';
const GOLD = '#a67c2e';
const MUTED = '#5a6270';

// A4 landscape, in points.
const PAGE = { width: 841.89, height: 595.28 };
const CONTENT = { x: 70, width: PAGE.width - 140 };

const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const SCORE_FORMAT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

interface Slot {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Style {
  font: FontName;
  size: number;
  /** The text shrinks down to this size to fit its slot; past it, it is cut with an ellipsis. */
  minSize?: number;
  color: string;
}

/** Renders the certificate as a one-page A4 landscape PDF; the same document always gives the same bytes. */
export async function renderCertificatePdf(document: CertificateDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    // No margins: every piece of text is placed in a slot of its own, and pdfkit never adds a page.
    margin: 0,
    pdfVersion: '1.7',
    lang: 'en',
    displayTitle: true,
    info: {
      Title: `Certificate of Completion ${document.number}: ${document.courseTitle}`,
      Author: 'SmartCourse',
      Creator: 'SmartCourse',
      Subject: 'Certificate of Completion',
      CreationDate: document.issuedAt,
      ModDate: document.issuedAt,
    },
  });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
  const bytes = collect(doc);

  drawFrame(doc);
  drawBody(doc, document);
  drawFooter(doc, document);
  doc.end();
  return bytes;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function drawFrame(doc: PDFKit.PDFDocument): void {
  doc
    .lineWidth(2.5)
    .strokeColor(INK)
    .rect(18, 18, PAGE.width - 36, PAGE.height - 36)
    .stroke();
  doc
    .lineWidth(0.75)
    .strokeColor(GOLD)
    .rect(26, 26, PAGE.width - 52, PAGE.height - 52)
    .stroke();
}

function drawBody(doc: PDFKit.PDFDocument, document: CertificateDocument): void {
  const row = (y: number, height: number): Slot => ({ x: CONTENT.x, y, width: CONTENT.width, height });

  place(doc, 'Certificate of Completion', row(62, 46), { font: 'serifBold', size: 34, color: INK });
  ornament(doc, 116);
  if (document.studentName === null) {
    place(doc, 'This certifies that the holder of this certificate', row(160, 56), { font: 'serifItalic', size: 20, color: INK });
  } else {
    place(doc, 'This certifies that', row(134, 22), { font: 'serifItalic', size: 15, color: MUTED });
    place(doc, document.studentName, row(160, 56), { font: 'serifBold', size: 36, minSize: 16, color: INK });
  }
  place(doc, 'has successfully completed the course', row(222, 22), { font: 'serifItalic', size: 15, color: MUTED });
  place(doc, document.courseTitle, row(250, 86), { font: 'serifBold', size: 26, minSize: 12, color: INK });
  ornament(doc, 348);

  const details = [`Completed on ${formatDate(document.completedAt)}`];
  if (document.scorePercent !== null) details.push(`Score ${SCORE_FORMAT.format(document.scorePercent)}%`);
  place(doc, details.join('   ·   '), row(358, 20), { font: 'serif', size: 13, minSize: 9, color: INK });
}

function drawFooter(doc: PDFKit.PDFDocument, document: CertificateDocument): void {
  if (document.instructorName !== null) {
    const column = { x: CONTENT.x, width: 230 };
    place(doc, document.instructorName, { ...column, y: 438, height: 24 }, { font: 'serif', size: 14, minSize: 8, color: INK });
    doc
      .lineWidth(0.75)
      .strokeColor(GOLD)
      .moveTo(column.x + 20, 466)
      .lineTo(column.x + column.width - 20, 466)
      .stroke();
    place(doc, 'Instructor', { ...column, y: 471, height: 14 }, { font: 'serifItalic', size: 10, color: MUTED });
  }

  const middle = { x: PAGE.width / 2 - 140, width: 280 };
  place(doc, 'Certificate number', { ...middle, y: 432, height: 14 }, { font: 'serifItalic', size: 10, color: MUTED });
  place(doc, document.number, { ...middle, y: 447, height: 20 }, { font: 'sans', size: 14, minSize: 8, color: INK });
  place(doc, `Issued on ${formatDate(document.issuedAt)}`, { ...middle, y: 469, height: 14 }, { font: 'serifItalic', size: 10, color: MUTED });

  const qr = { x: CONTENT.x + CONTENT.width - 92, y: 408, size: 92 };
  drawQrCode(doc, document.verificationUrl, { ...qr, color: INK });
  place(doc, 'Scan to verify', { x: qr.x - 10, y: qr.y + qr.size + 4, width: qr.size + 20, height: 12 }, { font: 'sans', size: 8, color: MUTED });

  place(
    doc,
    `Verify this certificate at ${document.verificationUrl}`,
    { x: CONTENT.x, y: 532, width: CONTENT.width, height: 14 },
    {
      font: 'sans',
      size: 9,
      minSize: 5,
      color: MUTED,
    },
  );
}

/** Writes `text` centred in its slot, shrinking it until it fits (and cutting it at the smallest size). */
function place(doc: PDFKit.PDFDocument, text: string, slot: Slot, style: Style): void {
  const minSize = style.minSize ?? style.size;
  const heightAt = (size: number): number => doc.fontSize(size).heightOfString(text, { width: slot.width, align: 'center' });
  doc.font(style.font);
  let size = style.size;
  while (size > minSize && heightAt(size) > slot.height) size = Math.max(minSize, size - 0.5);
  const height = Math.min(heightAt(size), slot.height);
  doc
    .fillColor(style.color)
    .text(text, slot.x, slot.y + (slot.height - height) / 2, { width: slot.width, height: slot.height, align: 'center', ellipsis: true });
}

function ornament(doc: PDFKit.PDFDocument, y: number): void {
  const middle = PAGE.width / 2;
  doc
    .lineWidth(0.75)
    .strokeColor(GOLD)
    .moveTo(middle - 70, y)
    .lineTo(middle - 8, y)
    .stroke();
  doc
    .lineWidth(0.75)
    .strokeColor(GOLD)
    .moveTo(middle + 8, y)
    .lineTo(middle + 70, y)
    .stroke();
  doc
    .fillColor(GOLD)
    .polygon([middle, y - 4], [middle + 4, y], [middle, y + 4], [middle - 4, y])
    .fill();
}

/** '1 December 2026', in UTC whatever the server's zone. */
function formatDate(date: Date): string {
  return DATE_FORMAT.format(date);
}
