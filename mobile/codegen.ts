import type { CodegenConfig } from '@graphql-codegen/cli';

// CODEGEN_OUT lets the drift check generate into a scratch folder and compare.
const out = process.env.CODEGEN_OUT ?? './src/gql/';

const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: 'client',
      config: {
        scalars: { Decimal: 'string', DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        // Only the types our documents use: other features' SDL additions do not churn src/gql/.
        onlyOperationTypes: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
