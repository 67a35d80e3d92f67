/**
 * Makes the browser save a Blob as a file, through an object URL and a temporary
 * `<a download>` link. Must run in a page (it needs `document`).
 *
 * @example saveBlob(await file.download() as Blob, 'model.pt')
 */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoking at once can cancel the save in some browsers; give it a moment.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}
