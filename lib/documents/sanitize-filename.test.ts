import { describe, expect, it } from 'vitest';

import { downloadFilename, sanitizeFilename } from './sanitize-filename';

describe('sanitizeFilename', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\vet\\Echo report.pdf', 'Echo report.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['  bloods\t\n2024.txt ', 'bloods 2024.txt'],
    ['"quoted"<name>.png', '_quoted__name_.png'],
    ['.hidden', 'hidden'],
    ['', 'document.pdf'],
  ])('turns %j into %j', (claimed, expected) => {
    expect(sanitizeFilename(claimed, 'pdf')).toBe(expected);
  });

  it('keeps names to 200 characters', () => {
    expect(sanitizeFilename('a'.repeat(500), 'pdf')).toHaveLength(200);
  });
});

describe('downloadFilename', () => {
  it('appends the real extension when the name claims another', () => {
    expect(downloadFilename('scan.pdf', 'png')).toBe('scan.pdf.png');
    expect(downloadFilename('photo.JPEG', 'jpg')).toBe('photo.JPEG');
    expect(downloadFilename('xray.tiff', 'tif')).toBe('xray.tiff');
  });
});
