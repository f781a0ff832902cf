/**
 * The Japanese font embedded in proofs: taken from a Debian package on this machine, never downloaded.
 *
 * IPAexGothic (package `fonts-ipaexfont-gothic`) first; then whatever the Debian alternative
 * `fonts-japanese-gothic.ttf` points to. pdfkit embeds only the glyphs used (a subset), so a proof stays small.
 */
import { existsSync } from 'node:fs';

export const JAPANESE_FONT_CANDIDATES: readonly string[] = [
  '/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf',
  '/usr/share/fonts/truetype/fonts-japanese-gothic.ttf',
];

/** The first installed Japanese font, or a clear error naming the package to install. */
export function resolveJapaneseFont(candidates: readonly string[] = JAPANESE_FONT_CANDIDATES): string {
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      `No Japanese font for the proof PDF: none of ${candidates.join(', ')} exists. ` +
        'Install the Debian package fonts-ipaexfont-gothic (apt-get install fonts-ipaexfont-gothic).',
    );
  }
  return found;
}
