import { graphql } from '../gql';

/** Exchange accounts with their connection health, adding/removing keys, and the kill switch. */

export const ExchangeStatusFieldsFragment = graphql(`
  fragment ExchangeStatusFields on ExchangeStatus {
    accountId
    venue
    label
    connected
    restLatencyMs
    streamMessageAgeSeconds
    resyncs
    lastError
    lastErrorAt
  }
`);

export const ExchangeAccountsQuery = graphql(`
  query ExchangeAccounts {
    exchangeAccounts {
      id
      venue
      label
      createdAt
      apiKeyHint
      hasKeys
    }
    exchangeStatus {
      ...ExchangeStatusFields
    }
  }
`);

export const ExchangeStatusSubscription = graphql(`
  subscription LiveExchangeStatus($intervalSeconds: Float! = 5) {
    exchangeStatus(intervalSeconds: $intervalSeconds) {
      ...ExchangeStatusFields
    }
  }
`);

export const AddExchangeAccountMutation = graphql(`
  mutation AddExchangeAccount($input: AddExchangeAccountInput!, $stepUp: StepUpAssertionInput) {
    addExchangeAccount(input: $input, stepUp: $stepUp) {
      id
      venue
      label
      createdAt
      apiKeyHint
      hasKeys
    }
  }
`);

export const RemoveExchangeAccountKeysMutation = graphql(`
  mutation RemoveExchangeAccountKeys($id: ID!) {
    removeExchangeAccountKeys(id: $id) {
      id
      apiKeyHint
      hasKeys
    }
  }
`);

export const KillSwitchMutation = graphql(`
  mutation KillSwitch($stepUp: StepUpAssertionInput) {
    killSwitch(stepUp: $stepUp) {
      botsStopped
      ordersCancelled
      ordersLeftOpen
    }
  }
`);
