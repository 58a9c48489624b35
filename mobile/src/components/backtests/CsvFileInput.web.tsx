import { useTheme } from '../../theme';

/** Web: pick a .csv file; its text fills the CSV box (the server still checks it). */
export function CsvFileInput({ label, onText }: { label: string; onText: (text: string) => void }) {
  const theme = useTheme();
  return (
    <input
      type="file"
      accept=".csv,text/csv,text/plain"
      aria-label={label}
      title={label}
      style={{ minHeight: 44, color: theme.text, marginTop: 6 }}
      data-testid="dataset-file"
      onChange={(e) => {
        const file = e.currentTarget.files?.[0];
        if (file) void file.text().then(onText);
      }}
    />
  );
}
