/**
 * Per-feature message bundles. Each feature keeps its own folder
 * (`src/locales/<feature>/<lang>.json`, top-level key = the feature's namespace) so screens can be
 * translated without touching the shared per-language files; `src/i18n` merges them in.
 * Add a feature: create its 11 files, then one `import` + one entry below.
 */
export type Messages = { [key: string]: string | Messages };
export type FeatureBundle = Record<string, Messages>;

export const featureBundles: FeatureBundle[] = [];
