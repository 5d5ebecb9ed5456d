// What the example pages write into their HTML.

/** Text made safe to put into HTML, as content or as a quoted attribute. */
export function esc(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
