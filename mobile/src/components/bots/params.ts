/** Custom bot parameters the create form offers, per strategy kind (docs/strategies.md). */
export interface ParamSpec {
  name: string;
  type: 'decimal' | 'int';
  /** An example value shown as the placeholder. */
  example: string;
}

export const PARAM_SPECS: Record<string, ParamSpec[]> = {
  grid: [
    { name: 'low', type: 'decimal', example: '60000' },
    { name: 'high', type: 'decimal', example: '70000' },
    { name: 'levels', type: 'int', example: '10' },
    { name: 'qty_per_level', type: 'decimal', example: '0.001' },
  ],
  dca: [
    { name: 'base_qty', type: 'decimal', example: '0.001' },
    { name: 'safety_qty', type: 'decimal', example: '0.001' },
    { name: 'price_deviation_pct', type: 'decimal', example: '1' },
    { name: 'max_safety_orders', type: 'int', example: '3' },
    { name: 'take_profit_pct', type: 'decimal', example: '1.5' },
  ],
};

export const CUSTOM_KINDS = Object.keys(PARAM_SPECS);

const DECIMAL = /^\d+(\.\d+)?$/;
const INT = /^\d+$/;

/** Field → i18n key of what is wrong, checked before anything is sent. */
export function validateParams(kind: string, values: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const spec of PARAM_SPECS[kind] ?? []) {
    const raw = (values[spec.name] ?? '').trim();
    if (raw === '') errors[spec.name] = 'bots.create.required';
    else if (!(spec.type === 'int' ? INT : DECIMAL).test(raw)) errors[spec.name] = spec.type === 'int' ? 'bots.create.wholeNumber' : 'bots.create.number';
    else if (spec.type === 'decimal' && Number(raw) <= 0 && spec.name !== 'max_safety_orders') errors[spec.name] = 'bots.create.positive';
  }
  if (kind === 'grid') {
    if (!errors.low && !errors.high && Number(values.low) >= Number(values.high)) errors.high = 'bots.create.highAboveLow';
    if (!errors.levels && Number(values.levels) < 2) errors.levels = 'bots.create.minLevels';
  }
  return errors;
}

/** The params JSON: decimals as strings (exact), whole numbers as numbers. */
export function paramsJson(kind: string, values: Record<string, string>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const spec of PARAM_SPECS[kind] ?? []) {
    const raw = (values[spec.name] ?? '').trim();
    out[spec.name] = spec.type === 'int' ? Number(raw) : raw;
  }
  return out;
}

/** Where a server error that names a field ("params.levels", "capital") belongs in the form. */
export function formField(serverField: string): string {
  return serverField.startsWith('params.') ? serverField.slice('params.'.length) : serverField;
}
