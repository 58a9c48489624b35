import { graphql } from '../gql';

/** Backtest data: imported candle sets (CSV) for `BacktestInput.dataSource` (docs/backtests.md "Data"). */

export const CandleDatasetFieldsFragment = graphql(`
  fragment CandleDatasetFields on CandleDataset {
    id
    name
    symbol
    timeframe
    rows
    firstTime
    lastTime
    createdAt
  }
`);

export const CandleDatasetsQuery = graphql(`
  query CandleDatasets {
    candleDatasets {
      ...CandleDatasetFields
    }
  }
`);

export const ImportCandlesMutation = graphql(`
  mutation ImportCandles($symbol: String!, $timeframe: String!, $csv: String!, $name: String) {
    importCandles(symbol: $symbol, timeframe: $timeframe, csv: $csv, name: $name) {
      ...CandleDatasetFields
    }
  }
`);

export const DeleteCandleDatasetMutation = graphql(`
  mutation DeleteCandleDataset($id: ID!) {
    deleteCandleDataset(id: $id)
  }
`);
