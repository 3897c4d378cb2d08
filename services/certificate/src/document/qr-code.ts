import QRCode from 'qrcode';

/**
 * Draws `text` as a QR code in vector form: one filled path of the dark modules, so the code stays
 * sharp at any zoom or print resolution and no image has to be decoded or embedded.
 * The caller keeps a light quiet zone around the square (the page is white there).
 */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, at: { x: number; y: number; size: number; color: string }): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = at.size / modules.size;
  // Rows overlap by a hair so rasterisers with anti-aliasing show no seams between them.
  const seam = cell * 0.02;
  for (let row = 0; row < modules.size; row++) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column++;
      doc.rect(at.x + start * cell, at.y + row * cell, (column - start) * cell, cell + seam);
    }
  }
  doc.fillColor(at.color).fill();
}
