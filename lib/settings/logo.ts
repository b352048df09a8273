/** The logo is stored inline in settings, so it is kept small and to raster types. */
export const LOGO_MAX_BYTES = 200 * 1024;

const TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoType = (typeof TYPES)[number];

const DATA_URL = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]+={0,2})$/;

/** The type the bytes really are, by their magic numbers; SVG (scriptable) is never one. */
export function sniffImageType(bytes: Uint8Array): LogoType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';

  return null;
}

/**
 * Why a logo data URL is refused, or null when it is a PNG, JPEG or WebP of at most
 * 200 kB whose bytes match the type it claims.
 */
export function logoProblem(dataUrl: string): string | null {
  if (dataUrl.length > Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 40)
    return 'The logo must be 200 kB or smaller.';
  const match = DATA_URL.exec(dataUrl);
  if (!match) return 'Upload the logo as a PNG, JPEG or WebP image.';
  const bytes = Buffer.from(match[2]!, 'base64');
  if (bytes.length > LOGO_MAX_BYTES) return 'The logo must be 200 kB or smaller.';
  if (sniffImageType(bytes) !== match[1]) return 'That file is not the image type it claims to be.';

  return null;
}

export function isLogoType(value: string): value is LogoType {
  return (TYPES as readonly string[]).includes(value);
}
