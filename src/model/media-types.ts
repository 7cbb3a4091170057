/**
 * The kinds of file the site publishes from content/media/: images, audio, video and
 * documents, as WordPress allows them to be uploaded; not HTML, SVG, scripts or anything a
 * browser would run as the site's own page. The content check refuses any other kind there,
 * and the WordPress importer copies no other from the old uploads folder.
 */
export const MEDIA_EXTENSIONS: ReadonlySet<string> = new Set([
  '.jpg', '.jpeg', '.jpe', '.png', '.gif', '.webp', '.avif', '.bmp', '.ico', '.tif', '.tiff', '.heic',
  '.mp3', '.m4a', '.ogg', '.oga', '.opus', '.wav', '.flac', '.aac',
  '.mp4', '.m4v', '.webm', '.ogv', '.mov', '.avi', '.wmv', '.3gp',
  '.pdf', '.txt', '.csv', '.rtf', '.doc', '.docx', '.xls', '.xlsx', '.ppt', '.pptx', '.odt', '.ods', '.odp', '.epub', '.zip',
  '.vtt', '.srt',
]);

/** Whether the site publishes a media file of this name (by its extension, any case). */
export function isMediaFile(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > name.lastIndexOf('/') && MEDIA_EXTENSIONS.has(name.slice(dot).toLowerCase());
}
