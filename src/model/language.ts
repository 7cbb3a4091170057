/** Languages Khabar knows how to lay out. Anything else is shown left-to-right. */
const RTL_LANGUAGES = new Set(['fa', 'ps', 'ar', 'ur', 'ckb', 'prs', 'pbt', 'he', 'yi', 'dv', 'sd', 'ug']);

export const BCP47_PATTERN = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/;

export function primaryLanguage(lang: string): string {
  return lang.split('-')[0]!.toLowerCase();
}

export function isRtl(lang: string | undefined): boolean {
  return lang !== undefined && RTL_LANGUAGES.has(primaryLanguage(lang));
}

export function textDirection(lang: string | undefined): 'rtl' | 'ltr' {
  return isRtl(lang) ? 'rtl' : 'ltr';
}

/** Dari and Pashto readers expect Solar Hijri dates beside the Gregorian ones. */
export function usesSolarHijri(lang: string | undefined): boolean {
  if (lang === undefined) return false;
  const primary = primaryLanguage(lang);
  return primary === 'fa' || primary === 'ps' || primary === 'prs' || primary === 'pbt';
}
