const MAX_NAME = 200;

/**
 * The claimed name is for display only. Keep the last path segment, drop control and
 * bidirectional-override characters (which can disguise an extension), collapse spaces.
 */
export function sanitizeFilename(claimed: string | null | undefined, extension: string): string {
  const base = (claimed ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/["<>|:*?]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const name = cleaned.length > 0 ? cleaned : `document.${extension}`;

  return name.length > MAX_NAME ? name.slice(0, MAX_NAME) : name;
}

/** The download name: the display name, with the real extension appended if it differs. */
export function downloadFilename(displayName: string, extension: string): string {
  const lower = displayName.toLowerCase();
  const matches =
    lower.endsWith(`.${extension}`) ||
    (extension === 'jpg' && lower.endsWith('.jpeg')) ||
    (extension === 'tif' && lower.endsWith('.tiff'));

  return matches ? displayName : `${displayName}.${extension}`;
}
