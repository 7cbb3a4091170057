/**
 * The decode stage: a feed's bytes to a JS string, BOM stripped. The encoding is the first
 * usable answer of: a byte-order mark, the HTTP Content-Type charset, the XML declaration's
 * encoding, "UTF-8 if the bytes are valid UTF-8", and finally windows-1252.
 *
 * The BOM goes first (not after the declarations) because it cannot be wrong about UTF-8/16,
 * and RFC 7303 §3.2 and the WHATWG Encoding standard both let it override the charset.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

/**
 * Labels that browsers (WHATWG Encoding) decode differently from their name: ISO-8859-1 and
 * ASCII really mean windows-1252 on the web (feeds labelled so routinely contain 0x80–0x9F
 * curly quotes and dashes). Keys are iconv-lite-style canonical labels (lower case, alphanumerics).
 */
const WEB_ALIASES: Record<string, string> = {
  iso88591: 'windows-1252',
  iso885911987: 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  isoir100: 'windows-1252',
  csisolatin1: 'windows-1252',
  ibm819: 'windows-1252',
  cp819: 'windows-1252',
  ascii: 'windows-1252',
  usascii: 'windows-1252',
  iso885991989: 'windows-1254',
  iso88599: 'windows-1254',
  latin5: 'windows-1254',
  iso885911: 'windows-874',
  tis620: 'windows-874',
};

export function decodeFeed(body: Buffer, contentType?: string): string {
  const fromBom = sniffBom(body);
  if (fromBom !== undefined) return decodeAs(body, fromBom);

  let utf8: boolean | undefined; // validated at most once
  const validUtf8 = (): boolean => (utf8 ??= isUtf8(body));
  for (const label of [charsetOf(contentType), xmlDeclarationEncoding(body)]) {
    const encoding = resolve(label, body, validUtf8);
    if (encoding === 'utf-8') return body.toString('utf8'); // validated, and no BOM (see above)
    if (encoding !== undefined) return decodeAs(body, encoding);
  }
  // Valid UTF-8 without a BOM: Buffer's decoder gives what TextDecoder would, after one
  // validation pass (not a strict decode to validate and a second one to decode).
  return validUtf8() ? body.toString('utf8') : iconv.decode(body, 'windows-1252');
}

function sniffBom(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The charset parameter of a Content-Type, e.g. `application/rss+xml; charset="windows-1256"`. */
function charsetOf(contentType: string | undefined): string | undefined {
  return contentType === undefined ? undefined : /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType)?.[1];
}

/** `<?xml version="1.0" encoding="…"?>` at the start (leading whitespace tolerated, as some feeds have it). */
function xmlDeclarationEncoding(body: Buffer): string | undefined {
  const head = body.subarray(0, 1024).toString('latin1');
  return /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
}

/**
 * The encoding to decode with for a declared label, or undefined to fall through to the next
 * rule: for a label iconv-lite does not know, and for a UTF-8 or UTF-16 label the bytes
 * contradict (servers often claim UTF-8 for Latin-1 files, and many "UTF-16" labels sit
 * on plain ASCII-compatible bytes).
 */
function resolve(label: string | undefined, body: Buffer, validUtf8: () => boolean): string | undefined {
  if (label === undefined) return undefined;
  const canonical = label.toLowerCase().replace(/[^0-9a-z]/g, '');
  if (canonical === 'utf8' || canonical === 'unicode11utf8') return validUtf8() ? 'utf-8' : undefined;
  if (canonical.startsWith('utf16') || canonical.startsWith('ucs2') || canonical === 'unicode') {
    // Trust it only if the first character (`<`, `{`, whitespace) has the NUL half of UTF-16.
    if (body.length < 2 || (body[0] === 0) === (body[1] === 0)) return undefined;
    return body[0] === 0 ? 'utf-16be' : 'utf-16le';
  }
  const encoding = WEB_ALIASES[canonical] ?? label;
  return iconv.encodingExists(encoding) ? encoding : undefined;
}

function decodeAs(body: Buffer, encoding: string): string {
  // iconv-lite strips a leading BOM by default; TextDecoder does too (ignoreBOM: false).
  return encoding === 'utf-8' ? new TextDecoder('utf-8').decode(body) : iconv.decode(body, encoding);
}
