/** Native: no file input (paste the CSV text); the web build uses CsvFileInput.web.tsx. */
export function CsvFileInput(_props: { label: string; onText: (text: string) => void }) {
  return null;
}
